package org.patrolmap;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.targetOwner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The dependency rules of STYLE.md ("A layout that shows the architecture"), checked on the
 * production classes: {@code model} and {@code geo} are plain JTS + JDK, SQL stays in {@code store}
 * and {@code importer}, the three faces ({@code api}, {@code admin}, {@code ogc}) sit side by side
 * on {@code http}, {@code layers} and {@code model}, and only the root wires concrete stores.
 */
@AnalyzeClasses(packages = "org.patrolmap", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "org.patrolmap";
  private static final String MODEL = "org.patrolmap.model..";
  private static final String GEO = "org.patrolmap.geo..";
  private static final String LAYERS = "org.patrolmap.layers..";
  private static final String HTTP = "org.patrolmap.http..";
  private static final String API = "org.patrolmap.api..";
  private static final String ADMIN = "org.patrolmap.admin..";
  private static final String OGC = "org.patrolmap.ogc..";
  private static final String STORE = "org.patrolmap.store..";
  private static final String IMPORTER = "org.patrolmap.importer..";
  private static final String FORMATS = "org.patrolmap.formats..";

  @ArchTest
  static void modelDependsOnlyOnJdkJtsGeoAndItself(JavaClasses production) {
    classes()
        .that()
        .resideInAPackage(MODEL)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.locationtech.jts..", MODEL, GEO)
        .check(production);
  }

  @ArchTest
  static void geoDependsOnlyOnJdkJtsAndItself(JavaClasses production) {
    classes()
        .that()
        .resideInAPackage(GEO)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.locationtech.jts..", GEO)
        .check(production);
  }

  /**
   * {@code formats} is here deliberately: NGA's GeoPackage library (which writes a GeoPackage, a
   * SQLite file, into a temporary file) declares {@code java.sql.SQLException}; it never touches
   * the PostGIS database.
   */
  @ArchTest
  static void jdbcIsUsedOnlyInStoreAndImporter(JavaClasses production) {
    noClasses()
        .that()
        .resideOutsideOfPackages(STORE, IMPORTER, FORMATS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..")
        .check(production);
  }

  @ArchTest
  static void apiAdminAndOgcDoNotDependOnEachOther(JavaClasses production) {
    CompositeArchRule.of(
            noClasses()
                .that()
                .resideInAPackage(API)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADMIN, OGC))
        .and(
            noClasses()
                .that()
                .resideInAPackage(ADMIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(API, OGC))
        .and(
            noClasses()
                .that()
                .resideInAPackage(OGC)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(API, ADMIN))
        .check(production);
  }

  @ArchTest
  static void apiAdminAndOgcDoNotDependOnStoreOrImporter(JavaClasses production) {
    noClasses()
        .that()
        .resideInAnyPackage(API, ADMIN, OGC)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(STORE, IMPORTER)
        .check(production);
  }

  @ArchTest
  static void layersDoNotDependOnHttpFacesStoreOrImporter(JavaClasses production) {
    noClasses()
        .that()
        .resideInAPackage(LAYERS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(HTTP, API, ADMIN, OGC, STORE, IMPORTER)
        .check(production);
  }

  @ArchTest
  static void formatsDependOnLayersModelAndGeoOnly(JavaClasses production) {
    noClasses()
        .that()
        .resideInAPackage(FORMATS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(HTTP, API, ADMIN, OGC, STORE, IMPORTER)
        .check(production);
  }

  @ArchTest
  static void httpDoesNotDependOnFacesStoreOrImporter(JavaClasses production) {
    noClasses()
        .that()
        .resideInAPackage(HTTP)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(API, ADMIN, OGC, STORE, IMPORTER)
        .check(production);
  }

  @ArchTest
  static void topLevelPackagesHaveNoCycles(JavaClasses production) {
    slices().matching("org.patrolmap.(*)..").should().beFreeOfCycles().check(production);
  }

  @ArchTest
  static void onlyTheRootStoreAndImporterConstructStoreClasses(JavaClasses production) {
    noClasses()
        .that()
        .resideOutsideOfPackages(STORE, IMPORTER, ROOT)
        .should()
        .callConstructorWhere(targetOwner(resideInAPackage(STORE)))
        .check(production);
  }
}
