package io.cairn.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.StatusException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FieldManagerTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    static final ResourceType CM = CATALOG.find("", "v1", "configmaps").orElseThrow();
    static final ResourceType DEPLOY = CATALOG.find("apps", "v1", "deployments").orElseThrow();

    final TestClock clock = new TestClock(Instant.parse("2026-11-28T10:00:00.750Z"));
    final FieldManager fm = FieldManager.create(ObjectShapes.builtIn(), clock);

    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    ObjectNode create(ResourceType t, String manager, String body) {
        return fm.update(t, Optional.empty(), json(body), manager, "");
    }

    ObjectNode apply(ResourceType t, ObjectNode live, String manager, String config, boolean force) {
        ObjectNode c = json(config);
        Optional<ObjectNode> l = Optional.ofNullable(live);
        ObjectNode merged = fm.applyMerge(t, l, c, manager, "");
        return fm.apply(t, l, merged, c, manager, "", force);
    }

    static JsonNode entry(ObjectNode o, String manager) {
        for (JsonNode e : o.path("metadata").path("managedFields")) {
            if (e.path("manager").asString().equals(manager)) {
                return e;
            }
        }
        return JSON.missingNode();
    }

    static String fields(ObjectNode o, String manager) {
        return entry(o, manager).path("fieldsV1").toString().replace('"', '\'');
    }

    @Test
    void createRecordsAnUpdateEntryWithNewMapsMarkedAsMembers() {
        ObjectNode o = create(CM, "kubectl-create", "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'demo',"
                + "'namespace':'default','uid':'u','creationTimestamp':'x','labels':{'app':'web'}},'data':{'key':'1'}}");
        JsonNode e = entry(o, "kubectl-create");
        assertThat(e.toString().replace('"', '\'')).isEqualTo("{'manager':'kubectl-create','operation':'Update',"
                + "'apiVersion':'v1','time':'2026-11-28T10:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':"
                + "{'.':{},'f:key':{}},'f:metadata':{'f:labels':{'.':{},'f:app':{}}}}}");
    }

    @Test
    void applyOwnsExactlyTheFieldsOfItsConfiguration() {
        ObjectNode o = apply(CM, null, "kubectl", "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'demo',"
                + "'labels':{'app':'web'}},'data':{'key':'1'}}", false);
        assertThat(entry(o, "kubectl").path("operation").asString()).isEqualTo("Apply");
        assertThat(fields(o, "kubectl")).isEqualTo("{'f:data':{'f:key':{}},'f:metadata':{'f:labels':{'f:app':{}}}}");
    }

    @Test
    void anotherApplierChangingAnOwnedFieldConflicts() {
        ObjectNode o = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'key':'1'}}", false);
        assertThatThrownBy(() -> apply(CM, o, "bob", "{'apiVersion':'v1','kind':'ConfigMap','data':{'key':'2'}}",
                false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .data.key");
                    assertThat(e.causes()).containsExactly(new Cause("FieldManagerConflict",
                            "conflict with \"alice\"", ".data.key"));
                });
    }

    @Test
    void conflictsWithAnUpdaterNameItsApiVersionAndSeveralAreListedPerManager() {
        ObjectNode o = create(CM, "editor", "{'apiVersion':'v1','kind':'ConfigMap','data':{'a':'1','b':'1'}}");
        assertThatThrownBy(() -> apply(CM, o, "kubectl", "{'apiVersion':'v1','kind':'ConfigMap','data':{'a':'2',"
                + "'b':'2'}}", false))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Apply failed with 2 conflicts: conflicts with \"editor\" using v1:\n- .data.a\n- .data.b"));
    }

    @Test
    void forceTakesOwnershipFromTheOtherManager() {
        ObjectNode o = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'key':'1','x':'1'}}",
                false);
        ObjectNode forced = apply(CM, o, "bob", "{'apiVersion':'v1','kind':'ConfigMap','data':{'key':'2'}}", true);
        assertThat(forced.path("data").path("key").asString()).isEqualTo("2");
        assertThat(fields(forced, "bob")).isEqualTo("{'f:data':{'f:key':{}}}");
        assertThat(fields(forced, "alice")).isEqualTo("{'f:data':{'f:x':{}}}");
    }

    @Test
    void sameValueAppliedByTwoManagersIsSharedAndSurvivesOneOfThemDroppingIt() {
        ObjectNode a = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k1':'1','k2':'2'}}",
                false);
        ObjectNode b = apply(CM, a, "bob", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k2':'2'}}", false);
        assertThat(fields(b, "alice")).isEqualTo("{'f:data':{'f:k1':{},'f:k2':{}}}");
        assertThat(fields(b, "bob")).isEqualTo("{'f:data':{'f:k2':{}}}");
        ObjectNode c = apply(CM, b, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k1':'1'}}", false);
        assertThat(c.path("data").has("k2")).isTrue();
        assertThat(fields(c, "alice")).isEqualTo("{'f:data':{'f:k1':{}}}");
    }

    @Test
    void fieldsAnApplierStopsApplyingAreRemoved() {
        ObjectNode a = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'labels':{'x':'1',"
                + "'y':'2'}},'data':{'k1':'1','k2':'2'}}", false);
        ObjectNode b = apply(CM, a, "alice", "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'labels':{'x':'1'}},"
                + "'data':{'k1':'1'}}", false);
        assertThat(b.path("data").toString()).isEqualTo("{\"k1\":\"1\"}");
        assertThat(b.path("metadata").path("labels").toString()).isEqualTo("{\"x\":\"1\"}");
    }

    @Test
    void fieldsSetByAnotherUpdaterAreNotRemovedWhenAnApplierDropsItsOwn() {
        ObjectNode a = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k1':'1'}}", false);
        ObjectNode edited = a.deepCopy();
        edited.withObject("data").put("k2", "mine");
        ObjectNode b = fm.update(CM, Optional.of(a), edited, "editor", "");
        ObjectNode c = apply(CM, b, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k3':'3'}}", false);
        assertThat(c.path("data").toString()).isEqualTo("{\"k2\":\"mine\",\"k3\":\"3\"}");
    }

    @Test
    void anUpdateAfterAnApplyTakesTheFieldItChangesWithoutConflict() {
        ObjectNode a = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'1','j':'1'}}",
                false);
        ObjectNode edited = a.deepCopy();
        edited.withObject("data").put("k", "2");
        clock.now = clock.now.plusSeconds(5);
        ObjectNode b = fm.update(CM, Optional.of(a), edited, "editor", "");
        assertThat(fields(b, "alice")).isEqualTo("{'f:data':{'f:j':{}}}");
        assertThat(fields(b, "editor")).isEqualTo("{'f:data':{'f:k':{}}}");
        assertThat(entry(b, "editor").path("time").asString()).isEqualTo("2026-11-28T10:00:05Z");
        assertThat(b.path("metadata").path("managedFields").get(0).path("operation").asString()).isEqualTo("Apply");
    }

    @Test
    void containersPortsAndEnvMergeByTheirKeys() {
        String first = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'selector':"
                + "{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':"
                + "[{'name':'nginx','image':'nginx:1','ports':[{'containerPort':80}],'env':[{'name':'A','value':'1'}]}"
                + "]}}}}";
        ObjectNode a = apply(DEPLOY, null, "alice", first, false);
        assertThat(fields(a, "alice")).isEqualTo("{'f:spec':{'f:selector':{},'f:template':{'f:metadata':{'f:labels':"
                + "{'f:app':{}}},'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:env':{'k:{\\'name\\':"
                + "\\'A\\'}':{'.':{},'f:name':{},'f:value':{}}},'f:image':{},'f:name':{},'f:ports':{'k:{\\'containerPort\\'"
                + ":80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}");
        String second = "{'apiVersion':'apps/v1','kind':'Deployment','spec':{'template':{'spec':{'containers':"
                + "[{'name':'nginx','env':[{'name':'B','value':'2'}]},{'name':'sidecar','image':'busybox'}]}}}}";
        ObjectNode b = apply(DEPLOY, a, "bob", second, false);
        JsonNode containers = b.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).isEqualTo(2);
        assertThat(containers.get(0).path("image").asString()).isEqualTo("nginx:1");
        assertThat(containers.get(0).path("env").toString()).isEqualTo(
                "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]");
        assertThat(containers.get(1).path("name").asString()).isEqualTo("sidecar");
    }

    @Test
    void anApplierRemovingItsContainerKeepsOneAnotherManagerStillHasFieldsIn() {
        String both = "{'apiVersion':'apps/v1','kind':'Deployment','spec':{'template':{'spec':{'containers':"
                + "[{'name':'a','image':'a'},{'name':'b','image':'b'}]}}}}";
        ObjectNode a = apply(DEPLOY, null, "alice", both, false);
        ObjectNode b = apply(DEPLOY, a, "alice", "{'apiVersion':'apps/v1','kind':'Deployment','spec':{'template':"
                + "{'spec':{'containers':[{'name':'a','image':'a'}]}}}}", false);
        assertThat(b.path("spec").path("template").path("spec").path("containers").size()).isEqualTo(1);
    }

    @Test
    void atomicListsAreReplacedAndTheirOwnerConflictsOnAnyChange() {
        String cmd = "{'apiVersion':'apps/v1','kind':'Deployment','spec':{'template':{'spec':{'containers':"
                + "[{'name':'a','command':['sh','-c']}]}}}}";
        ObjectNode a = apply(DEPLOY, null, "alice", cmd, false);
        assertThat(fields(a, "alice")).contains("'f:command':{}");
        assertThatThrownBy(() -> apply(DEPLOY, a, "bob", "{'apiVersion':'apps/v1','kind':'Deployment','spec':"
                + "{'template':{'spec':{'containers':[{'name':'a','command':['bash']}]}}}}", false))
                .hasMessage("Apply failed with 1 conflict: conflict with \"alice\": "
                        + ".spec.template.spec.containers[name=\"a\"].command");
    }

    @Test
    void finalizersAreASetOfValues() {
        ObjectNode a = apply(CM, null, "alice", "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'finalizers':"
                + "['x/a']}}", false);
        ObjectNode b = apply(CM, a, "bob", "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'finalizers':['x/b']}}",
                false);
        assertThat(b.path("metadata").path("finalizers").toString()).isEqualTo("[\"x/a\",\"x/b\"]");
        assertThat(fields(b, "bob")).isEqualTo("{'f:metadata':{'f:finalizers':{'v:\\'x/b\\'':{}}}}");
    }

    @Test
    void anEmptyManagedFieldsListResetsOwnership() {
        ObjectNode a = create(CM, "one", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'1'}}");
        ObjectNode next = a.deepCopy();
        next.withObject("metadata").putArray("managedFields");
        ObjectNode b = fm.update(CM, Optional.of(a), next, "two", "");
        assertThat(b.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void invalidManagedFieldsFromAClientAreIgnored() {
        ObjectNode a = create(CM, "one", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'1'}}");
        ObjectNode next = a.deepCopy();
        next.withObject("metadata").putArray("managedFields").addObject().put("manager", "x")
                .put("operation", "Bogus");
        next.withObject("data").put("j", "2");
        ObjectNode b = fm.update(CM, Optional.of(a), next, "two", "");
        assertThat(fields(b, "one")).isEqualTo("{'f:data':{'.':{},'f:k':{}}}");
        assertThat(fields(b, "two")).isEqualTo("{'f:data':{'f:j':{}}}");
    }

    @Test
    void aRepeatedApplyKeepsTheStoredTimes() {
        String config = "{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'1'}}";
        ObjectNode a = apply(CM, null, "alice", config, false);
        clock.now = clock.now.plusSeconds(60);
        ObjectNode b = apply(CM, a, "alice", config, false);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void statusIsNotClaimedByWritesToTheMainResource() {
        ObjectNode o = apply(DEPLOY, null, "alice", "{'apiVersion':'apps/v1','kind':'Deployment','spec':"
                + "{'replicas':2},'status':{'replicas':5}}", false);
        assertThat(fields(o, "alice")).isEqualTo("{'f:spec':{'f:replicas':{}}}");
    }

    @Test
    void theFirstApplyToAnObjectWithoutManagedFieldsSeesItsFieldsOwnedByBeforeFirstApply() {
        ObjectNode live = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'x'},'data':{'k':'1'}}");
        assertThatThrownBy(() -> apply(CM, live, "alice", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'2'}}",
                false)).hasMessage("Apply failed with 1 conflict: conflict with \"before-first-apply\" using v1: .data.k");
    }

    @Test
    void anApplyInAnotherVersionIsRefused() {
        assertThatThrownBy(() -> apply(DEPLOY, null, "alice", "{'apiVersion':'apps/v1beta1','kind':'Deployment'}",
                false)).hasMessage("Incorrect version specified in apply patch. Specified patch version: apps/v1beta1,"
                + " expected: apps/v1");
    }

    @Test
    void managerNamesComeFromTheUserAgentWhenNotGiven() {
        assertThat(FieldManager.managerOf("", "kubectl/v1.32.5 (linux/amd64) kubernetes/abc")).isEqualTo("kubectl");
        assertThat(FieldManager.managerOf("", "fabric8-kubernetes-client/8.0.0")).isEqualTo(
                "fabric8-kubernetes-client");
        assertThat(FieldManager.managerOf("mine", "kubectl/v1.32.5")).isEqualTo("mine");
    }

    @Test
    void fieldsV1RoundTripsThroughTheSet() {
        JsonNode v1 = json("{'f:data':{'.':{},'f:k':{}},'f:spec':{'f:ports':{'k:{\\'port\\':80,\\'protocol\\':"
                + "\\'TCP\\'}':{'.':{},'f:port':{}}}}}");
        assertThat(FieldSet.fromFieldsV1(v1).toFieldsV1()).isEqualTo(v1);
        assertThat(List.of(PathText.format(List.of("f:spec", "k:{\"port\":80,\"protocol\":\"TCP\"}", "f:port"))))
                .containsExactly(".spec[port=80,protocol=\"TCP\"].port");
    }

    @Test
    void kubectlMayTakeFieldsItAppliedClientSideAndKeepsTheAnnotationInStep() {
        ObjectNode body = json("{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'1','other':'x'}}");
        body.withObject("metadata").withObject("annotations").put("kubectl.kubernetes.io/last-applied-configuration",
                "{\"apiVersion\":\"v1\",\"data\":{\"k\":\"1\"},\"kind\":\"ConfigMap\"}\n");
        ObjectNode live = fm.update(CM, Optional.empty(), body, "kubectl-client-side-apply", "");

        ObjectNode o = apply(CM, live, "kubectl", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k':'2'}}", false);

        assertThat(o.path("data").path("k").asString()).isEqualTo("2");
        assertThat(o.path("metadata").path("annotations").path("kubectl.kubernetes.io/last-applied-configuration")
                .asString()).isEqualTo("{\"apiVersion\":\"v1\",\"data\":{\"k\":\"2\"},\"kind\":\"ConfigMap\"}\n");
        assertThatThrownBy(() -> apply(CM, live, "kubectl", "{'apiVersion':'v1','kind':'ConfigMap','data':"
                + "{'other':'y'}}", false)).hasMessage("Apply failed with 1 conflict: conflict with"
                + " \"kubectl-client-side-apply\" using v1: .data.other");
        assertThatThrownBy(() -> apply(CM, live, "deployer", "{'apiVersion':'v1','kind':'ConfigMap','data':"
                + "{'k':'2'}}", false)).isInstanceOf(StatusException.class);
    }

    @Test
    void anApplyToTheStatusSubresourceOwnsOnlyStatus() {
        ObjectNode live = apply(DEPLOY, null, "alice", "{'apiVersion':'apps/v1','kind':'Deployment','spec':"
                + "{'replicas':2}}", false);
        ObjectNode c = json("{'apiVersion':'apps/v1','kind':'Deployment','spec':{'replicas':9},'status':"
                + "{'replicas':2}}");
        ObjectNode merged = fm.applyMerge(DEPLOY, Optional.of(live), c, "controller", "status");
        ObjectNode next = live.deepCopy();
        next.set("status", merged.get("status"));
        ObjectNode o = fm.apply(DEPLOY, Optional.of(live), next, c, "controller", "status", false);
        assertThat(entry(o, "controller").toString()).contains("\"subresource\":\"status\"");
        assertThat(fields(o, "controller")).isEqualTo("{'f:status':{'f:replicas':{}}}");
    }

    @Test
    void theShapesTableResolvesEveryRowToAModelClass() {
        assertThat(ShapeTable.BUILT_IN.of(io.fabric8.kubernetes.api.model.Container.class, "ports").keys())
                .containsExactly("containerPort", "protocol");
        assertThat(ShapeTable.BUILT_IN.of(io.fabric8.kubernetes.api.model.PodSpec.class, "tolerations").shape())
                .isEqualTo("atomic");
        assertThat(ShapeTable.BUILT_IN.of(io.fabric8.kubernetes.api.model.ServiceAccount.class, "secrets").keys())
                .containsExactly("name");
        assertThatThrownBy(() -> ShapeTable.parse(List.of("core/v1 NoSuchType field atomic"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUpdateOwnsTheNodesItCreatesExceptThoseEveryGoZeroValueHas() {
        ObjectNode o = create(DEPLOY, "kubectl-create", "{'apiVersion':'apps/v1','kind':'Deployment','metadata':"
                + "{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'web'}},'strategy':{'type':'RollingUpdate',"
                + "'rollingUpdate':{'maxSurge':'25%'}},'template':{'metadata':{'labels':{'app':'web'}},'spec':"
                + "{'containers':[{'name':'nginx','image':'nginx','resources':{},'ports':[{'containerPort':80}]}]}}}}");
        assertThat(fields(o, "kubectl-create")).isEqualTo("{'f:spec':{'f:selector':{},'f:strategy':{'f:rollingUpdate':"
                + "{'.':{},'f:maxSurge':{}},'f:type':{}},'f:template':{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},"
                + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},'f:ports':"
                + "{'.':{},'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}},"
                + "'f:resources':{}}}}}}}");
    }

    @Test
    void beyondTenUpdatersTheOldestAreFoldedIntoAncientChanges() {
        ObjectNode o = create(CM, "m00", "{'apiVersion':'v1','kind':'ConfigMap','data':{'k00':'x'}}");
        for (int i = 1; i <= 11; i++) {
            clock.now = clock.now.plusSeconds(1);
            ObjectNode next = o.deepCopy();
            next.withObject("data").put("k%02d".formatted(i), "x");
            o = fm.update(CM, Optional.of(o), next, "m%02d".formatted(i), "");
        }
        List<String> managers = new java.util.ArrayList<>();
        o.path("metadata").path("managedFields").forEach(e -> managers.add(e.path("manager").asString()));
        assertThat(managers).containsExactly("ancient-changes", "m03", "m04", "m05", "m06", "m07", "m08", "m09",
                "m10", "m11");
        assertThat(fields(o, "ancient-changes")).isEqualTo("{'f:data':{'.':{},'f:k00':{},'f:k01':{},'f:k02':{}}}");
        assertThat(entry(o, "ancient-changes").path("time").asString()).isEqualTo("2026-11-28T10:00:02Z");
    }

    @Test
    void anApplyNamingFieldsItsKindDoesNotDeclareIsRefusedWithKubesPaths() {
        assertThatThrownBy(() -> apply(DEPLOY, null, "alice", "{'apiVersion':'apps/v1','kind':'Deployment',"
                + "'metadata':{'name':'web','namespace':'default'},'spec':{'replicass':1}}", false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("failed to create typed patch object (default/web; apps/v1,"
                            + " Kind=Deployment): .spec.replicass: field not declared in schema");
                });
        assertThatThrownBy(() -> apply(DEPLOY, null, "alice", "{'apiVersion':'apps/v1','kind':'Deployment',"
                + "'metadata':{'name':'web'},'spec':{'template':{'spec':{'containers':[{'name':'a','imag':'x',"
                + "'command':[]}]}}},'extra':1}", false))
                .hasMessage("failed to create typed patch object (/web; apps/v1, Kind=Deployment): errors:\n"
                        + "  .spec.template.spec.containers[name=\"a\"].imag: field not declared in schema\n"
                        + "  .extra: field not declared in schema");
    }
}
