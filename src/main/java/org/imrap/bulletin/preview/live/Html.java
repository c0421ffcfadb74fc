package org.imrap.bulletin.preview.live;

/** Text made safe to put in HTML, as content or as a quoted attribute value. */
final class Html {
    private Html() {
    }

    /** Names and addresses come from CSV files, titles and messages from news files: none of it is markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
