package org.imrap.bulletin.config;

/**
 * Who publishes the bulletin, as its contact footer shows it. The web links are optional: a footer
 * leaves out what is not set.
 */
public record Organisation(
        String name,
        String shortName,
        String address,
        String phone,
        String website,
        String facebook,
        String linkedin,
        String twitter,
        String youtube) {

    static Organisation from(Settings settings) {
        return new Organisation(
                settings.required("organisation.name"),
                settings.optional("organisation.shortName").orElse(settings.required("organisation.name")),
                settings.required("organisation.address"),
                settings.required("organisation.phone"),
                settings.required("organisation.website"),
                settings.optional("organisation.facebook").orElse(null),
                settings.optional("organisation.linkedin").orElse(null),
                settings.optional("organisation.twitter").orElse(null),
                settings.optional("organisation.youtube").orElse(null));
    }
}
