package org.imrap.bulletin.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Host names through the system's resolver ({@link InetAddress}, as {@code send} connects: hosts file
 * included); TXT records through the JDK's DNS client (JNDI, {@code com.sun.jndi.dns}), asking the
 * system's name servers, or those of a {@code dns://host:port} address (tests run one on 127.0.0.1).
 */
public final class SystemDns implements Dns {
    private final String servers;

    /** The system's name servers. */
    public SystemDns() {
        this("dns:");
    }

    /** The name servers of a {@code dns:} address, e.g. {@code dns://127.0.0.1:5353}. */
    public SystemDns(String servers) {
        this.servers = servers;
    }

    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }

    @Override
    public List<String> txt(String name) throws NoAnswerException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        environment.put(DirContext.PROVIDER_URL, servers);
        // 2 s, then 4 s: a check on a machine without a network should not wait a minute per record.
        environment.put("com.sun.jndi.dns.timeout.initial", "2000");
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext context = null;
        try {
            context = new InitialDirContext(environment);
            Attributes attributes = context.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> records = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> values = txt.getAll();
                while (values.hasMore()) {
                    records.add(joined(String.valueOf(values.next())));
                }
            }
            return records;
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException e) {
            throw new NoAnswerException(e.getMessage(), e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException e) {
                    // nothing to keep
                }
            }
        }
    }

    /**
     * One record's text. A record may hold several strings (a long key is cut in strings of at most 255
     * bytes); JNDI gives them separated by spaces, each quoted (with backslash escapes) when it holds a
     * space, a quote or a backslash. The record means them joined with nothing between (RFC 7208 §3.3,
     * RFC 6376 §3.6.2.2).
     */
    static String joined(String jndi) {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < jndi.length(); i++) {
            char c = jndi.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < jndi.length()) {
                text.append(jndi.charAt(++i));
            } else if (quoted || c != ' ') {
                text.append(c);
            }
        }
        return text.toString();
    }
}
