package org.imrap.bulletin.config;

/** How bulletin signs in to a mail server ({@code smtp.auth}, {@code inbox.auth}). */
public enum Auth {
    /** A password (or an app password): {@code BULLETIN_SMTP_PASSWORD}, a file only its owner reads, or a prompt. */
    PASSWORD,
    /**
     * An OAuth 2.0 access token, presented with SASL XOAUTH2; obtained once with {@code bulletin login},
     * then refreshed from the stored refresh token (see {@code org.imrap.bulletin.oauth}).
     */
    OAUTH2
}
