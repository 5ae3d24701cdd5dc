package io.rulegrid.node;

import io.rulegrid.testkit.LocalCluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.function.FunctionEx;
import com.hazelcast.jet.JetException;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.impl.JetClientInstanceImpl;
import com.hazelcast.jet.impl.SubmitJobParameters;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.sql.HazelcastSqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a plain Hazelcast client that reaches a member can do once members run Jet (the shipped configuration turns
 * it on with the first pipeline): run jobs made of classes the members already have, but upload none of its own,
 * and run no SQL (see docs/security.md).
 */
class JetClientAccessTest {

    /** Where {@link UploadedFunction} leaves its mark if any member ever runs it. */
    private static final String UPLOADED_CODE_RAN = "uploaded-code-ran";

    private static LocalCluster cluster;
    private static HazelcastInstance client;

    @BeforeAll
    static void startCluster(@TempDir Path config) throws IOException {
        // the shipped configuration with Jet turned on, as a deployment that runs pipelines has it
        Path jetOn = config.resolve("hazelcast.yaml");
        try (InputStream bundled = JetClientAccessTest.class.getClassLoader()
                .getResourceAsStream("rulegrid/hazelcast.yaml")) {
            String shipped = new String(bundled.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String enabled = shipped.replace("jet:\n    enabled: false", "jet:\n    enabled: true");
            assertThat(enabled).as("the shipped hazelcast.yaml turns Jet on or off here").isNotEqualTo(shipped);
            Files.writeString(jetOn, enabled);
        }
        cluster = LocalCluster.start(1, member -> member.hazelcastYaml(jetOn));
        client = HazelcastClient.newHazelcastClient(clientConfig());
    }

    @AfterAll
    static void stopCluster() {
        client.shutdown();
        cluster.close();
    }

    private static ClientConfig clientConfig() {
        ClientConfig config = new ClientConfig().setClusterName(cluster.clusterName());
        cluster.addresses().forEach(address -> config.getNetworkConfig().addAddress(address));
        return config;
    }

    /** The code a client tries to make the members run. */
    public static final class UploadedFunction implements FunctionEx<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String applyEx(String item) {
            return "a member ran uploaded code on " + item;
        }
    }

    @Test
    void aClientRunsAJobMadeOfClassesTheMembersHave() {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(TestSources.items("a", "b")).writeTo(Sinks.list("jet-items"));

        client.getJet().newJob(pipeline).join();

        assertThat(client.getList("jet-items")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @SuppressWarnings("removal")  // a 5.6 client still offers user code deployment, deprecated or not
    void aClientCannotUploadClassesWithAJobAJarOrUserCodeDeployment(@TempDir Path dir) throws IOException {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(TestSources.items("x")).map(new UploadedFunction()).writeTo(Sinks.list(UPLOADED_CODE_RAN));
        JobConfig carryingItsClass = new JobConfig().setName("carries-a-class").addClass(UploadedFunction.class);

        assertThatThrownBy(() -> client.getJet().newJob(pipeline, carryingItsClass))
                .isInstanceOf(JetException.class)
                .hasMessageStartingWith("A job is trying to upload resources to the cluster, but this feature is"
                        + " disabled.");
        assertThat(client.getJet().getJob("carries-a-class")).isNull();

        // what `hz-cli submit job.jar` does
        SubmitJobParameters jarJob = SubmitJobParameters.withJarOnClient()
                .setJarPath(jarOf(dir.resolve("job.jar"), UploadedFunction.class));
        assertThatThrownBy(() -> ((JetClientInstanceImpl) client.getJet()).submitJobFromJar(jarJob))
                .isInstanceOf(JetException.class)
                .hasMessage("Resource upload is not enabled");

        ClientConfig deployingClasses = clientConfig();
        deployingClasses.getUserCodeDeploymentConfig().setEnabled(true).addClass(UploadedFunction.class);
        assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(deployingClasses))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("User Code Deployment is not enabled.");

        assertThat(client.getList(UPLOADED_CODE_RAN)).isEmpty();
    }

    @Test
    void noSqlStatementRunsSoNoMappingReachesTheMembersFilesWhileMapPredicatesWork(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("member-only.csv"), "secret\nonly the member should read this\n");
        List<String> statements = List.of(
                "CREATE MAPPING member_files TYPE File OPTIONS ('format'='csv', 'path'='" + dir + "', 'glob'='*.csv')",
                "CREATE MAPPING feed TYPE Kafka OPTIONS ('keyFormat'='varchar', 'valueFormat'='varchar',"
                        + " 'bootstrap.servers'='127.0.0.1:9092')",
                "CREATE DATA CONNECTION pg TYPE JDBC SHARED OPTIONS"
                        + " ('jdbcUrl'='jdbc:postgresql://127.0.0.1:5432/rulegrid')",
                "CREATE MAPPING products TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='json-flat')");

        for (String statement : statements) {
            assertThatThrownBy(() -> client.getSql().execute(statement))
                    .as(statement)
                    .isInstanceOf(HazelcastSqlException.class)
                    .hasMessage("Cannot execute SQL query because \"hazelcast-sql\" module is not on the classpath");
        }

        IMap<String, HazelcastJsonValue> products = client.getMap("products");
        products.set("cheap", new HazelcastJsonValue("{\"price\":5.0}"));
        products.set("dear", new HazelcastJsonValue("{\"price\":25.0}"));
        assertThat(products.keySet(Predicates.sql("price > 10"))).containsExactly("dear");
    }

    private static Path jarOf(Path jar, Class<?> mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        String entry = mainClass.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream classFile = mainClass.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(classFile.readAllBytes());
        }
        return jar;
    }
}
