package org.imrap.bulletin.config;

/** How the SMTP connection is protected. */
public enum Security {
    /** Plain connection upgraded with STARTTLS (RFC 3207), which the server must offer. */
    STARTTLS,
    /** TLS from the first byte ("implicit TLS", RFC 8314 §3.3), usually port 465. */
    SSL,
    /** No encryption: only for a server on this machine (loopback). */
    NONE
}
