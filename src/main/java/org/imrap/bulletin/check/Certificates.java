package org.imrap.bulletin.check;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** What a server's certificate says, in the words a message needs: the names it holds, who issued it, until when. */
final class Certificates {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private Certificates() {
    }

    /** The host names and addresses the certificate is for (subject alternative names, else the common name). */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    int type = (Integer) name.get(0);
                    if (type == DNS_NAME || type == IP_ADDRESS) {
                        names.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // the common name, below
        }
        if (names.isEmpty()) {
            String common = attribute(certificate.getSubjectX500Principal().getName(), "CN");
            if (!common.isEmpty()) {
                names.add(common);
            }
        }
        return names;
    }

    /** The first host name among the certificate's names (not an address, not a wildcard): a name to connect to. */
    static String hostName(X509Certificate certificate) {
        for (String name : names(certificate)) {
            if (!name.startsWith("*") && !name.contains(" ") && name.contains(".") && !name.matches("[0-9.:]+")) {
                return name;
            }
        }
        return "";
    }

    /** The issuer's common name, else its organisation, else its whole name. */
    static String issuer(X509Certificate certificate) {
        String name = certificate.getIssuerX500Principal().getName();
        String common = attribute(name, "CN");
        if (!common.isEmpty()) {
            return common;
        }
        String organisation = attribute(name, "O");
        return organisation.isEmpty() ? name : organisation;
    }

    /** The last day it is valid, as 2027-03-18. */
    static String until(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    static boolean selfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static String attribute(String distinguishedName, String type) {
        try {
            for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // no such attribute, then
        }
        return "";
    }
}
