package org.imrap.bulletin.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** DNS answers the test gives: no network. Addresses only for IP literals and names the test adds. */
final class FakeDns implements Dns {
    private final Map<String, List<InetAddress>> hosts = new HashMap<>();
    private final Map<String, List<String>> txt = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private boolean silent;

    FakeDns host(String name, String address) throws UnknownHostException {
        hosts.computeIfAbsent(key(name), k -> new ArrayList<>()).add(InetAddress.getByName(address));
        return this;
    }

    FakeDns txt(String name, String record) {
        txt.computeIfAbsent(key(name), k -> new ArrayList<>()).add(record);
        return this;
    }

    /** SPF, a Google Workspace DKIM key and DMARC for {@code domain}: everything a receiver wants. */
    FakeDns complete(String domain) {
        return txt(domain, "v=spf1 include:_spf.google.com ~all")
                .txt("google._domainkey." + domain, "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")
                .txt("_dmarc." + domain, "v=DMARC1; p=none; rua=mailto:dmarc@" + domain);
    }

    /** From now on no TXT question gets an answer. */
    FakeDns silent() {
        silent = true;
        return this;
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        List<InetAddress> known = hosts.get(key(host));
        if (known != null) {
            return known;
        }
        if (host.matches("[0-9.]+|.*:.*")) {
            return List.of(InetAddress.getByName(host));  // a literal: no lookup
        }
        throw new UnknownHostException(host);
    }

    @Override
    public List<String> txt(String name) throws NoAnswerException {
        asked.add(name);
        if (silent) {
            throw new NoAnswerException("DNS response timed out", null);
        }
        return txt.getOrDefault(key(name), List.of());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
