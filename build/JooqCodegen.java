import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Generates the jOOQ classes from db/migration at build time: starts an embedded PostgreSQL, applies the
 * migrations with Flyway, and reads the resulting schema with jOOQ's PostgresDatabase. Skips the work when
 * neither the migrations nor this program changed since the last run.
 *
 * Arguments: migrations folder, target folder, target package.
 */
class JooqCodegen {
    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path target = Path.of(args[1]);
        String packageName = args[2];
        Path stamp = target.resolve(".migrations.sha256");
        String fingerprint = fingerprint(migrations, packageName);
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("jOOQ classes are up to date with " + migrations);
            return;
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", "postgres")
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();
            GenerationTool.generate(new Configuration()
                    .withLogging(org.jooq.meta.jaxb.Logging.WARN)
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
                            .withUser("postgres").withPassword("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    .withIncludes(".*")
                                    .withExcludes("flyway_schema_history"))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withFluentSetters(true))
                            .withTarget(new Target().withPackageName(packageName)
                                    .withDirectory(target.toString()))));
        }
        Files.writeString(stamp, fingerprint);
    }

    private static String fingerprint(Path migrations, String packageName) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(packageName.getBytes());
        digest.update(Files.readAllBytes(migrations.toAbsolutePath().getParent().getParent().resolve("build/JooqCodegen.java")));
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
