package org.imrap.bulletin.recipients;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The header of a list, and which of its columns bulletin reads as the person's {@code email},
 * {@code name} and {@code organisation} — the names the templates use. A column is recognised
 * whatever its letter case and accents, as offices name them: {@code E-mail}, {@code Courriel},
 * {@code Mail} or {@code Adresse e-mail} for the email; {@code Nom complet}, or {@code Prénom} and
 * {@code Nom} together, for the name; {@code Structure}, {@code Institution} for the organisation. A
 * column named exactly as the templates name it comes first.
 *
 * @param names        the columns as written (trimmed), in order
 * @param email        the email column, or -1
 * @param name         the column holding the whole name, or -1
 * @param givenName    the given-name column ({@code Prénom}) when there is no whole-name column, or -1
 * @param familyName   the family-name column ({@code Nom}) when there is no whole-name column, or -1
 * @param organisation the organisation column, or -1
 */
public record Columns(List<String> names, int email, int name, int givenName, int familyName, int organisation) {
    public static final String EMAIL = "email";
    public static final String NAME = "name";
    public static final String ORGANISATION = "organisation";

    private static final Set<String> EMAILS = Set.of("email", "e mail", "courriel", "mail", "adresse e mail",
            "adresse email", "adresse mail", "adresse courriel", "adresse electronique", "email address",
            "e mail address");
    private static final Set<String> NAMES = Set.of("name", "nom complet", "nom et prenom", "prenom et nom",
            "nom prenom", "prenom nom", "full name");
    private static final Set<String> GIVEN_NAMES = Set.of("prenom", "prenoms", "first name", "given name");
    private static final Set<String> FAMILY_NAMES = Set.of("nom", "nom de famille", "last name", "family name",
            "surname");
    private static final Set<String> ORGANISATIONS = Set.of("organisation", "organization", "structure",
            "institution", "organisme");

    public Columns {
        names = List.copyOf(names);
    }

    /** Recognises the columns of a header row. */
    public static Columns of(List<String> names) {
        int name = find(names, NAME, NAMES);
        return new Columns(names, find(names, EMAIL, EMAILS), name,
                name >= 0 ? -1 : find(names, "", GIVEN_NAMES), name >= 0 ? -1 : find(names, "", FAMILY_NAMES),
                find(names, ORGANISATION, ORGANISATIONS));
    }

    public boolean hasEmail() {
        return email >= 0;
    }

    /** The person's name from a row's cells: the whole-name column, else given and family name joined ("Awa Traoré"). */
    String nameIn(IntFunction<String> cell) {
        if (name >= 0) {
            return cell.apply(name);
        }
        String given = givenName >= 0 ? cell.apply(givenName) : "";
        String family = familyName >= 0 ? cell.apply(familyName) : "";
        return (given + " " + family).strip();
    }

    /** True for a column whose values are (part of) the name. */
    boolean isName(int index) {
        return index >= 0 && (index == name || index == givenName || index == familyName);
    }

    /**
     * What was read from a column not named as the templates name it: {@code email → [Courriel]},
     * {@code name → [Prénom, Nom]}. Empty when every column is named {@code email}, {@code name} …
     */
    public Map<String, List<String>> recognised() {
        Map<String, List<String>> used = new LinkedHashMap<>();
        if (email >= 0 && !names.get(email).equalsIgnoreCase(EMAIL)) {
            used.put(EMAIL, List.of(names.get(email)));
        }
        if (name >= 0 && !names.get(name).equalsIgnoreCase(NAME)) {
            used.put(NAME, List.of(names.get(name)));
        } else if (name < 0 && (givenName >= 0 || familyName >= 0)) {
            List<String> parts = new ArrayList<>();
            if (givenName >= 0) {
                parts.add(names.get(givenName));
            }
            if (familyName >= 0) {
                parts.add(names.get(familyName));
            }
            used.put(NAME, parts);
        }
        if (organisation >= 0 && !names.get(organisation).equalsIgnoreCase(ORGANISATION)) {
            used.put(ORGANISATION, List.of(names.get(organisation)));
        }
        return used;
    }

    /** The column named exactly {@code exact} (in any case), else the first one whose name is among {@code aliases}. */
    private static int find(List<String> names, String exact, Set<String> aliases) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(exact)) {
                return i;
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (aliases.contains(plain(names.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** "Adresse E-mail" → "adresse e mail", "Prénom" → "prenom": no accents, no case, one space between words. */
    static String plain(String column) {
        String unaccented = Normalizer.normalize(column, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return unaccented.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_.'’:]+", " ").strip();
    }
}
