package org.imrap.bulletin.compose;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Attachments;
import org.imrap.bulletin.mail.MessageBuilder;

/**
 * Message builders set up from a workspace: the layer above {@code mail}, which builds messages from the
 * values it is given and knows no workspace layout (docs/architecture.md).
 */
public final class MessageBuilders {
    private MessageBuilders() {
    }

    /**
     * The builder for a workspace: images from templates/ then the workspace, its attachments and {@code extra};
     * every file from the workspace's {@link Workspace#messageFolders() message folders}.
     */
    public static MessageBuilder forWorkspace(Workspace workspace, BulletinSettings settings, List<Path> extra,
                                              Clock clock) {
        List<Path> files = new ArrayList<>(settings.message().attachments());
        extra.stream().map(Path::toAbsolutePath).forEach(files::add);
        Attachments attachments = Attachments.load(files, workspace.messageFolders(), settings.message().attachmentLimit());
        return new MessageBuilder(settings.sender(), settings.message(),
                List.of(workspace.templatesDir(), workspace.root()), workspace.messageFolders(), attachments, clock);
    }

    /**
     * A builder for the workspace's bulletin as a web page ({@link MessageBuilder#forWeb}): its images found and
     * checked as for a message, no attachment, no date (it builds no message).
     */
    public static MessageBuilder forWorkspacePages(Workspace workspace, BulletinSettings settings) {
        return new MessageBuilder(settings.sender(), settings.message(),
                List.of(workspace.templatesDir(), workspace.root()), workspace.messageFolders(),
                Attachments.NONE, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }
}
