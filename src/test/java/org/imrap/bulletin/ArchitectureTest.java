package org.imrap.bulletin;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, checked on the compiled classes of src/main: every dependency
 * between packages points down, none goes round in a cycle, and only {@code cli} speaks to picocli and
 * the console. A new package fails here until it is given a layer (and a line in the document).
 */
class ArchitectureTest {
    private static final String ROOT = "org.imrap.bulletin";

    /**
     * From the bottom up; a layer may use the layers before it, never one after it. The packages of one layer do
     * not use each other, but in the base, where address and io use the root package.
     */
    private static final List<Layer> LAYERS = List.of(
            new Layer("Base", List.of(), resideInAnyPackage(ROOT, ROOT + ".address..", ROOT + ".io..")
                    .and(not(belongToAnyOf(Main.class)))
                    .as("the root package (but Main), address, io")),
            layer("Config", "config"),
            layer("News and lists", "news", "recipients"),
            layer("Render", "render"),
            layer("Mail", "mail"),
            layer("Beside mail", "journal", "oauth", "compose"),
            layer("Services", "send", "preview", "inbox", "archive"),
            layer("Check", "check"),
            layer("Cli", "cli"),
            new Layer("Main", List.of(), belongToAnyOf(Main.class).as("Main")));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .because("a cycle makes two packages one: neither can be understood, tested or changed alone")
                .check(CLASSES);
    }

    @Test
    void everyDependencyPointsDownTheLayers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (Layer layer : LAYERS) {
            rule = rule.layer(layer.name()).definedBy(layer.classes());
        }
        rule = rule.whereLayer(LAYERS.get(0).name()).mayNotAccessAnyLayer();
        for (int i = 1; i < LAYERS.size(); i++) {
            rule = rule.whereLayer(LAYERS.get(i).name())
                    .mayOnlyAccessLayers(LAYERS.subList(0, i).stream().map(Layer::name).toArray(String[]::new));
        }
        rule.check(CLASSES);
    }

    @Test
    void packagesSideBySideDoNotUseEachOther() {
        for (Layer layer : LAYERS) {
            for (String name : layer.packages()) {
                String[] others = layer.packages().stream().filter(other -> !other.equals(name))
                        .map(ArchitectureTest::pattern).toArray(String[]::new);
                if (others.length > 0) {
                    noClasses().that().resideInAPackage(pattern(name))
                            .should().dependOnClassesThat().resideInAnyPackage(others)
                            .because("packages of one layer (" + layer.name() + ") are used side by side, never by each other")
                            .check(CLASSES);
                }
            }
        }
    }

    @Test
    void mailKnowsNoWorkspaceLayout() {
        noClasses().that().resideInAPackage(ROOT + ".mail..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".config.Workspace")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".config.BulletinSettings")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".config.Settings")
                .because("mail builds and sends messages from values; where a workspace keeps its files is known above it")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("the core is called the same way by any front end, and tested without one")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineTalksToTheConsole() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().callMethod(System.class, "console")
                .because("the core runs from cron too: it asks and reports through what the command gives it")
                .check(CLASSES);
    }

    private static Layer layer(String name, String... packages) {
        return new Layer(name, List.of(packages),
                resideInAnyPackage(Arrays.stream(packages).map(ArchitectureTest::pattern).toArray(String[]::new)));
    }

    private static String pattern(String subpackage) {
        return ROOT + "." + subpackage + "..";
    }

    /** @param packages the subpackages of {@link #ROOT} that make the layer; empty when {@code classes} says more */
    private record Layer(String name, List<String> packages, DescribedPredicate<? super JavaClass> classes) {
    }
}
