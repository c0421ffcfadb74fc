package org.imrap.bulletin.preview.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;

/**
 * The people the page offers to preview for, list by list: each person under the list that reaches them
 * (the first that names them, as when sending), the first {@value #SHOWN} of each list; anyone else can be
 * typed in.
 */
record Menu(List<Group> groups) {
    static final int SHOWN = 200;

    /** One list: the people shown, and how many it reaches in all. */
    record Group(String list, List<Recipient> people, int reached) {
    }

    static Menu read(RecipientsFolder folder, Optional<List<String>> lists) {
        Map<String, List<Recipient>> shown = new LinkedHashMap<>();
        Map<String, Integer> reached = new LinkedHashMap<>();
        Audience.of(folder, lists).read(person -> {
            List<Recipient> people = shown.computeIfAbsent(person.list(), list -> new ArrayList<>());
            if (people.size() < SHOWN) {
                people.add(person);
            }
            reached.merge(person.list(), 1, Integer::sum);
        });
        return new Menu(shown.entrySet().stream()
                .map(group -> new Group(group.getKey(), List.copyOf(group.getValue()), reached.get(group.getKey())))
                .toList());
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }
}
