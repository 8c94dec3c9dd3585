package io.cairn.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class TableConverterTest {

    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
            + "resources, although some resources may allow a client to request the generation of an appropriate "
            + "name automatically. Name is primarily intended for creation idempotence and configuration "
            + "definition. Cannot be updated. More info: "
            + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    private final TableConverter tables = new TableConverter(Fixtures.CLOCK);

    @Test
    void buildsAMetaV1TableWithListMetadataColumnsAndOneRowPerObjectInOrder() {
        ObjectNode table = tables.table("", "namespaces",
                List.of(Fixtures.load("namespace"), Fixtures.load("namespace-terminating")), IncludeObject.METADATA,
                "1234", Optional.of("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ"), Optional.of(17L));

        assertThat(table.propertyNames()).containsExactly("kind", "apiVersion", "metadata", "columnDefinitions", "rows");
        assertThat(table.get("kind").stringValue()).isEqualTo("Table");
        assertThat(table.get("apiVersion").stringValue()).isEqualTo("meta.k8s.io/v1");
        assertThat(Fixtures.text(table.get("metadata"))).isEqualTo(
                "{\"resourceVersion\":\"1234\",\"continue\":\"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ\",\"remainingItemCount\":17}");
        assertThat(names(table.get("columnDefinitions"))).containsExactly("Name", "Status", "Age");
        assertThat(table.get("rows").values()).extracting(row -> row.get("cells").get(0).stringValue())
                .containsExactly("team-a", "old");
    }

    @Test
    void omitsEmptyResourceVersionAbsentContinueAndRemainingCount() {
        ObjectNode table = tables.table("", "pods", List.of(), IncludeObject.METADATA, "", Optional.of(""),
                Optional.empty());

        assertThat(Fixtures.text(table.get("metadata"))).isEqualTo("{}");
        assertThat(table.get("rows").isArray()).isTrue();
        assertThat(table.get("rows").size()).isZero();
    }

    @Test
    void carriesTheObjectsFullMetadataAsPartialObjectMetadataByDefault() {
        ObjectNode namespace = Fixtures.load("namespace");

        ObjectNode row = tables.row("", "namespaces", namespace, IncludeObject.METADATA);

        assertThat(Fixtures.text(row.get("object"))).isEqualTo(Fixtures.text(Fixtures.parse("""
                {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"team-a",\
                "uid":"6c1f4f6e-8c1a-4d7e-9a55-0d2b7e9b3a10","resourceVersion":"412",\
                "creationTimestamp":"2025-06-01T11:55:00Z","labels":{"kubernetes.io/metadata.name":"team-a"}}}""")));
    }

    @Test
    void carriesTheWholeObjectWhenAskedForObjectAndNoneWhenAskedForNone() {
        ObjectNode pod = Fixtures.load("pod-running");

        assertThat(tables.row("", "pods", pod, IncludeObject.OBJECT).get("object")).isEqualTo(pod);
        assertThat(tables.row("", "pods", pod, IncludeObject.NONE).has("object")).isFalse();
    }

    @Test
    void leavesTheCallersObjectUntouchedWhenTheRowIsChanged() {
        ObjectNode pod = Fixtures.load("pod-running");
        ObjectNode copy = pod.deepCopy();

        ObjectNode row = tables.row("", "pods", pod, IncludeObject.OBJECT);
        ((ObjectNode) row.get("object").get("metadata")).put("name", "changed");
        ObjectNode partial = tables.row("", "pods", pod, IncludeObject.METADATA);
        ((ObjectNode) partial.get("object").get("metadata")).put("name", "changed");

        assertThat(pod).isEqualTo(copy);
    }

    @Test
    void marksFinishedPodRowsCompletedAsKubeDoes() {
        JsonNode succeeded = tables.row("", "pods", Fixtures.load("pod-completed"), IncludeObject.NONE);
        JsonNode failed = tables.row("", "pods", Fixtures.load("pod-evicted"), IncludeObject.NONE);
        JsonNode running = tables.row("", "pods", Fixtures.load("pod-running"), IncludeObject.NONE);

        assertThat(Fixtures.text(succeeded.get("conditions"))).isEqualTo(
                "[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Succeeded\","
                        + "\"message\":\"The pod has completed successfully.\"}]");
        assertThat(Fixtures.text(failed.get("conditions"))).isEqualTo(
                "[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Failed\",\"message\":\"The pod failed.\"}]");
        assertThat(running.has("conditions")).isFalse();
    }

    @Test
    void definesPodColumnsWithKubesNamesTypesFormatsAndWidePriorities() {
        ArrayNode columns = tables.columnDefinitions("", "pods");

        assertThat(columns.values()).extracting(c -> c.get("name").stringValue() + "|" + c.get("type").stringValue()
                        + "|" + c.get("format").stringValue() + "|" + c.get("priority").asInt())
                .containsExactly("Name|string|name|0", "Ready|string||0", "Status|string||0", "Restarts|string||0",
                        "Age|string||0", "IP|string||1", "Node|string||1", "Nominated Node|string||1",
                        "Readiness Gates|string||1");
        assertThat(columns.get(0).get("description").stringValue()).isEqualTo(NAME_DESCRIPTION);
        assertThat(columns.get(3).get("description").stringValue()).isEqualTo("The number of times the containers "
                + "in this pod have been restarted and when the last container in this pod has restarted.");
        assertThat(columns.get(4).get("description").stringValue())
                .startsWith("CreationTimestamp is a timestamp representing the server time when this object was "
                        + "created.")
                .contains("in UTC.\n\nPopulated by the system.");
    }

    @Test
    void givesResourcesWithoutAPrinterKubesDefaultNameAndCreatedAtColumns() {
        ArrayNode columns = tables.columnDefinitions("example.com", "widgets");

        assertThat(columns.size()).isEqualTo(2);
        assertThat(columns.get(0).get("description").stringValue()).isEqualTo(NAME_DESCRIPTION);
        assertThat(Fixtures.text(columns.get(1)).replaceAll(",\"description\":\"[^\"]*\"", "")).isEqualTo(
                "{\"name\":\"Created At\",\"type\":\"date\",\"format\":\"\",\"priority\":0}");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "'', namespaces, NAME STATUS AGE",
            "'', configmaps, NAME DATA AGE",
            "'', secrets, NAME TYPE DATA AGE",
            "'', services, NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR",
            "'', serviceaccounts, NAME SECRETS AGE",
            "'', pods, NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES",
            "'', nodes, NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION "
                    + "CONTAINER-RUNTIME",
            "'', events, LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME",
            "'', endpoints, NAME ENDPOINTS AGE",
            "apps, deployments, NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR",
            "apps, replicasets, NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR",
            "apps, statefulsets, NAME READY AGE | CONTAINERS IMAGES",
            "apps, daemonsets, NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE "
                    + "| CONTAINERS IMAGES SELECTOR",
            "coordination.k8s.io, leases, NAME HOLDER AGE",
            "batch, jobs, NAME CREATED AT",
    })
    void givesKubectlTheHeadersItPrintsAgainstKubernetes(String group, String resource, String headers) {
        ArrayNode columns = tables.columnDefinitions(group, resource);
        String normal = columns.values().stream().filter(c -> c.get("priority").asInt() == 0)
                .map(c -> c.get("name").stringValue().toUpperCase()).reduce((a, b) -> a + " " + b).orElseThrow();
        String wide = columns.values().stream().filter(c -> c.get("priority").asInt() == 1)
                .map(c -> c.get("name").stringValue().toUpperCase()).reduce((a, b) -> a + " " + b).orElse("");

        assertThat(wide.isEmpty() ? normal : normal + " | " + wide).isEqualTo(headers);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "'', namespaces, '[\"bare\",\"Active\",\"<unknown>\"]'",
            "'', configmaps, '[\"bare\",0,\"<unknown>\"]'",
            "'', secrets, '[\"bare\",\"Opaque\",0,\"<unknown>\"]'",
            "'', services, '[\"bare\",\"ClusterIP\",\"<none>\",\"<none>\",\"<none>\",\"<unknown>\",\"<none>\"]'",
            "'', serviceaccounts, '[\"bare\",0,\"<unknown>\"]'",
            "'', pods, '[\"bare\",\"0/0\",\"Pending\",\"0\",\"<unknown>\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]'",
            "'', nodes, '[\"bare\",\"Unknown\",\"<none>\",\"<unknown>\",\"\",\"<none>\",\"<none>\",\"<unknown>\","
                    + "\"<unknown>\",\"<unknown>\"]'",
            "'', events, '[\"<unknown>\",\"\",\"\",\"\",\"\",\"\",\"\",\"<unknown>\",1,\"bare\"]'",
            "'', endpoints, '[\"bare\",\"<none>\",\"<unknown>\"]'",
            "apps, deployments, '[\"bare\",\"0/1\",0,0,\"<unknown>\",\"\",\"\",\"\"]'",
            "apps, replicasets, '[\"bare\",1,0,0,\"<unknown>\",\"\",\"\",\"<none>\"]'",
            "apps, statefulsets, '[\"bare\",\"0/1\",\"<unknown>\",\"\",\"\"]'",
            "apps, daemonsets, '[\"bare\",0,0,0,0,0,\"<none>\",\"<unknown>\",\"\",\"\",\"<none>\"]'",
            "coordination.k8s.io, leases, '[\"bare\",\"\",\"<unknown>\"]'",
            "example.com, widgets, '[\"bare\",\"0001-01-01T00:00:00Z\"]'",
    })
    void printsKubesZeroValuesForAnObjectWithOnlyAName(String group, String resource, String expectedCells) {
        ObjectNode bare = Fixtures.parse("{\"metadata\":{\"name\":\"bare\"}}");

        ObjectNode row = tables.row(group, resource, bare, IncludeObject.METADATA);

        assertThat(Fixtures.text(row.get("cells")))
                .isEqualTo(Fixtures.text(Fixtures.parse("{\"c\":" + expectedCells + "}").get("c")));
    }

    @Test
    void printsAgesRelativeToTheInjectedClock() {
        ObjectNode namespace = Fixtures.load("namespace");
        TableConverter later = new TableConverter(
                java.time.Clock.offset(Fixtures.CLOCK, java.time.Duration.ofHours(50)));

        assertThat(tables.row("", "namespaces", namespace, IncludeObject.NONE).get("cells").get(2).stringValue())
                .isEqualTo("5m");
        assertThat(later.row("", "namespaces", namespace, IncludeObject.NONE).get("cells").get(2).stringValue())
                .isEqualTo("2d2h");
    }

    @Test
    void printsUnknownAgeForAMalformedTimestampInsteadOfFailing() {
        ObjectNode odd = Fixtures.parse("{\"metadata\":{\"name\":\"odd\",\"creationTimestamp\":\"yesterday\"}}");

        assertThat(tables.row("", "configmaps", odd, IncludeObject.NONE).get("cells").get(2).stringValue())
                .isEqualTo("<unknown>");
    }

    private static List<String> names(JsonNode columns) {
        return columns.values().stream().map(c -> c.get("name").stringValue()).toList();
    }
}
