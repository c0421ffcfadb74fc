package org.imrap.bulletin.config;

import java.nio.file.Path;
import java.time.YearMonth;

/**
 * Where the web archive lives in a workspace, and what its files are called: what {@code bulletin archive}
 * writes and {@code send} looks for (the month's page its "Voir en ligne" link points to).
 */
public final class SiteLayout {
    /** The index page's template in {@code templates/}; bulletin's own when the workspace has none. */
    public static final String INDEX_TEMPLATE = "archive.html.mustache";
    /** The name of every page: the index, and each month's in its folder. */
    public static final String PAGE = "index.html";

    private SiteLayout() {
    }

    /** Where the archive goes when {@code --out} is not given: {@code out/site/}. */
    public static Path defaultOut(Workspace workspace) {
        return workspace.outDir().resolve("site");
    }

    /** The page of {@code month} in the default folder: {@code out/site/YYYY-MM/index.html}. */
    public static Path page(Workspace workspace, YearMonth month) {
        return defaultOut(workspace).resolve(month.toString()).resolve(PAGE);
    }
}
