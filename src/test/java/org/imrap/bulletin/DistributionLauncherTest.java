package org.imrap.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launchers (src/dist/bin): the POSIX one run with a stand-in {@code java} that prints
 * what it was given, and both compared with the project's ./bulletin. The archive itself is built and run
 * for real by .ci/check-distribution.
 */
class DistributionLauncherTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path LAUNCHER = PROJECT.resolve("src/dist/bin/bulletin");

    @TempDir
    Path dir;

    /** A distribution laid out as unpacked, in a folder whose name has a space. */
    private Path distribution() throws IOException {
        return distribution(dir);
    }

    /** A Java runtime that prints its arguments, one a line, and says it is {@code version}. */
    private Path java(String version) throws IOException {
        Path javaHome = dir.resolve("jdk " + version);
        Files.createDirectories(javaHome.resolve("bin"));
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return javaHome;
    }

    private record Ran(int code, List<String> out, String err) {
    }

    private static Ran run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(launcher.toString());
        builder.command().addAll(List.of(args));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Path err = Files.createTempFile("launcher", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err);
        Files.delete(err);
        return new Ran(process.exitValue(), out.lines().toList(), errors);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aUtf8LocaleThatIsNotInstalledRunsJavaInCUtf8AndKeepsTheLanguage() throws Exception {
        Path javaHome = java("17.0.15");
        Files.writeString(javaHome.resolve("bin/java"), "#!/bin/sh\necho \"LC_ALL=$LC_ALL BULLETIN_LANG=$BULLETIN_LANG\"\n");
        Path launcher = distribution().resolve("bin/bulletin");

        Ran missing = run(launcher, Map.of("JAVA_HOME", javaHome.toString(), "LANG", "fr_ML.UTF-8"), "news", "list");
        Ran installed = run(launcher, Map.of("JAVA_HOME", javaHome.toString(), "LANG", "C.UTF-8"), "news", "list");

        assertThat(missing.out()).containsExactly("LC_ALL=C.UTF-8 BULLETIN_LANG=fr_ML.UTF-8");
        assertThat(installed.out()).containsExactly("LC_ALL= BULLETIN_LANG=");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void runsMainWithTheLaunchersOptionsTheLibFolderAndTheArgumentsAsGiven() throws Exception {
        Path home = distribution();
        Path javaHome = java("17.0.2");

        Ran ran = run(home.resolve("bin/bulletin"), Map.of("JAVA_HOME", javaHome.toString()),
                "--workspace", "Mes documents/bulletin", "send", "*");

        assertThat(ran.code()).as(ran.err()).isZero();
        List<String> expected = new java.util.ArrayList<>(List.of(options(developerLauncher()).split(" ")));
        expected.addAll(List.of("-cp", home.toRealPath() + "/lib/*", "org.imrap.bulletin.Main",
                "--workspace", "Mes documents/bulletin", "send", "*"));
        assertThat(ran.out()).containsExactlyElementsOf(expected);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void bulletinJavaOptsReplacesTheOptions() throws Exception {
        Ran ran = run(distribution().resolve("bin/bulletin"),
                Map.of("JAVA_HOME", java("21").toString(), "BULLETIN_JAVA_OPTS", "-Xmx64m -Dx=1"), "--version");

        assertThat(ran.out()).startsWith("-Xmx64m", "-Dx=1", "-cp");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void findsItsFolderThroughALink() throws Exception {
        Path home = distribution();
        Path link = dir.resolve("mon bin/bulletin");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of("../bulletin 0.1/bin/bulletin"));

        Ran ran = run(link, Map.of("JAVA_HOME", java("17").toString()), "--version");

        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.out()).contains(home.toRealPath() + "/lib/*");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aJavaOlderThanSeventeenIsNamedNotRun() throws Exception {
        Path javaHome = java("11.0.22");

        Ran ran = run(distribution().resolve("bin/bulletin"), Map.of("JAVA_HOME", javaHome.toString()), "--version");
        Ran french = run(distribution(dir.resolve("fr")).resolve("bin/bulletin"),
                Map.of("JAVA_HOME", javaHome.toString(), "LANG", "fr_ML.UTF-8"), "--version");

        assertThat(ran.code()).isEqualTo(69);
        assertThat(ran.out()).as("java was not run").isEmpty();
        assertThat(ran.err()).contains("needs Java 17 or later", "Java 11.0.22", "adoptium.net", "JAVA_HOME");
        assertThat(french.err()).contains("Java 17 ou plus récent est nécessaire");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void noJavaAtAllIsSaidPlainly() throws Exception {
        Ran ran = run(distribution().resolve("bin/bulletin"), Map.of("PATH", dir.toString()), "--version");

        assertThat(ran.code()).isEqualTo(69);
        assertThat(ran.err()).contains("no Java found", "adoptium.net");
    }

    @Test
    void theWindowsLauncherPassesTheSameOptionsAndTheExitCode() throws Exception {
        String cmd = Files.readString(PROJECT.resolve("src/dist/bin/bulletin.cmd"));

        Matcher set = Pattern.compile("set \"BULLETIN_OPTIONS=([^\"]*)\"").matcher(cmd);
        assertThat(set.find()).isTrue();
        assertThat(set.group(1)).isEqualTo(options(developerLauncher()));
        assertThat(cmd).contains("if defined BULLETIN_JAVA_OPTS set \"BULLETIN_OPTIONS=%BULLETIN_JAVA_OPTS%\"",
                "-cp \"%BULLETIN_HOME%\\lib\\*\" org.imrap.bulletin.Main %*", "exit /b %BULLETIN_EXIT%");
        assertThat(cmd.chars()).as("cmd reads its file in the console's code page").allMatch(c -> c < 128);
    }

    private static Path distribution(Path parent) throws IOException {
        Path home = parent.resolve("bulletin 0.1");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(LAUNCHER, home.resolve("bin/bulletin"));
        return home;
    }

    private static String developerLauncher() throws IOException {
        return Files.readString(PROJECT.resolve("bulletin"));
    }

    /** The default options in a launcher: what {@code ${BULLETIN_JAVA_OPTS:-…}} falls back to, on one line. */
    private static String options(String launcher) {
        Matcher matcher = Pattern.compile("\\$\\{BULLETIN_JAVA_OPTS:-([^}]*)}").matcher(launcher);
        assertThat(matcher.find()).as("the launcher has BULLETIN_JAVA_OPTS's default").isTrue();
        return matcher.group(1).replaceAll("\\\\\\n", " ").trim().replaceAll("\\s+", " ");
    }

    @Test
    void thePosixLauncherHasTheDevelopersOptions() throws IOException {
        assertThat(options(Files.readString(LAUNCHER))).isEqualTo(options(developerLauncher()))
                .startsWith("-XX:+UseSerialGC -Xms24m");
    }
}
