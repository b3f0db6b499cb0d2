package io.taskforge.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.SqliteStore;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document cannot drift from the code: this test fetches {@code /v3/api-docs} from the
 * running server, has openapi-generator write a Java client from it (the {@code native} library,
 * java.net.http and Jackson), compiles that client together with {@code
 * src/test/openapi-client/.../GeneratedClientRoundTrip.java}, and runs the round trip against the
 * same server: tasks created, run, listed with filters, edited, cancelled, retried, deleted; a
 * remote worker's claim, logs, progress and completion; a 404 and a 422 read as problems.
 *
 * <p>Every step fails the test when it goes wrong (an invalid document, a generator error, a compile
 * error in the generated code or the round trip); nothing is skipped. The generated sources and
 * classes are left under {@code target/openapi-client/} to look at.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default",
            "taskforge.worker.shutdown-grace=2s",
            // The generator logs every file it writes.
            "logging.level.org.openapitools=WARN",
        })
@SqliteStore
class OpenApiClientTest {
    private static final Logger log = LoggerFactory.getLogger(OpenApiClientTest.class);
    static final Path WORK = Path.of("target", "openapi-client");
    static final Path ROUND_TRIP = Path.of("src", "test", "openapi-client");
    static final String PACKAGE = "io.taskforge.generated";

    @LocalServerPort
    int port;

    @Test
    void a_client_generated_from_the_served_document_compiles_and_does_a_full_round_trip() throws Throwable {
        String base = "http://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        Path spec = fetchDocument(base);
        long t1 = System.nanoTime();
        Path sources = generate(spec);
        long t2 = System.nanoTime();
        Path classes = compile(sources);
        long t3 = System.nanoTime();

        List<String> done = runRoundTrip(classes, base);

        long t4 = System.nanoTime();
        log.info(
                "OpenAPI client: document {} ms, generated {} ms, compiled {} ms, round trip {} ms: {}",
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000,
                (t4 - t3) / 1_000_000,
                done);
        assertThat(done).hasSize(5);
    }

    private static Path fetchDocument(String base) throws Exception {
        Response r = new Http(base, Duration.ofSeconds(30)).get("/v3/api-docs");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Files.createDirectories(WORK);
        Path spec = WORK.resolve("api-docs.json");
        Files.writeString(spec, r.body(), StandardCharsets.UTF_8);
        return spec;
    }

    /** Generates into a fresh directory; the generator throws on a document it cannot read or validate. */
    private static Path generate(Path spec) throws IOException {
        Path out = WORK.resolve("generated");
        deleteRecursively(out);
        CodegenConfigurator config = new CodegenConfigurator()
                .setGeneratorName("java")
                .setLibrary("native")
                .setInputSpec(spec.toAbsolutePath().toString())
                .setOutputDir(out.toAbsolutePath().toString())
                .setInvokerPackage(PACKAGE)
                .setApiPackage(PACKAGE + ".api")
                .setModelPackage(PACKAGE + ".model")
                .addAdditionalProperty("useJakartaEe", true)
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("hideGenerationTimestamp", true)
                .addGlobalProperty("apiTests", "false")
                .addGlobalProperty("modelTests", "false")
                .addGlobalProperty("apiDocs", "false")
                .addGlobalProperty("modelDocs", "false");
        List<File> files =
                new DefaultGenerator().opts(config.toClientOptInput()).generate();
        assertThat(files).as("generated files").isNotEmpty();
        Path sources = out.resolve("src/main/java");
        assertThat(sources.resolve("io/taskforge/generated/api/TasksApi.java")).exists();
        return sources;
    }

    /** Compiles the generated client and the round trip against this test's class path. */
    private static Path compile(Path sources) throws IOException {
        Path classes = WORK.resolve("classes");
        deleteRecursively(classes);
        Files.createDirectories(classes);
        List<File> files = new ArrayList<>(javaFiles(sources));
        files.addAll(javaFiles(ROUND_TRIP));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK with javac").isNotNull();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromFiles(files);
            List<String> options = List.of(
                    "-d",
                    classes.toString(),
                    "-classpath",
                    testClassPath(),
                    "-proc:none",
                    "-nowarn",
                    "-Xlint:none",
                    "-encoding",
                    "UTF-8");
            boolean ok =
                    javac.getTask(diagnostics, fm, null, options, null, units).call();
            assertThat(ok)
                    .as("the generated client and the round trip compile:%n%s", diagnostics)
                    .isTrue();
        }
        return classes;
    }

    @SuppressWarnings("unchecked")
    private static List<String> runRoundTrip(Path classes, String base) throws Throwable {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, OpenApiClientTest.class.getClassLoader())) {
            Class<?> roundTrip = loader.loadClass(PACKAGE + ".roundtrip.GeneratedClientRoundTrip");
            try {
                return (List<String>) roundTrip
                        .getMethod("run", String.class, String.class)
                        .invoke(null, base, new Http(base, Duration.ofSeconds(30)).adminToken());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Surefire may hand the JVM a manifest-only jar; it names the real class path here. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static List<File> javaFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toFile)
                    .toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
