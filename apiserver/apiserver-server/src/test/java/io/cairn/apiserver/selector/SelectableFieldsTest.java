package io.cairn.apiserver.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SelectableFieldsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ObjectNode POD = object("""
            {'metadata': {'name': 'web-1', 'namespace': 'shop'},
             'spec': {'nodeName': 'node-a', 'restartPolicy': 'Always', 'schedulerName': 'default-scheduler',
                      'serviceAccountName': 'builder', 'hostNetwork': true},
             'status': {'phase': 'Running', 'podIP': '10.0.0.9', 'podIPs': [{'ip': '10.0.0.7'}],
                        'nominatedNodeName': 'node-b'}}""");
    private static final ObjectNode BARE_POD = object("{'metadata': {'name': 'new', 'namespace': 'shop'}}");
    private static final ObjectNode EVENT = object("""
            {'metadata': {'name': 'e1', 'namespace': 'shop'},
             'involvedObject': {'kind': 'Pod', 'namespace': 'shop', 'name': 'web-1', 'uid': 'u-1',
                                'apiVersion': 'v1', 'resourceVersion': '42', 'fieldPath': 'spec.containers{app}'},
             'reason': 'Pulled', 'reportingComponent': 'kubelet', 'type': 'Normal'}""");

    @ParameterizedTest(name = "[{index}] pod field {0} reads \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            metadata.name            | web-1
            metadata.namespace       | shop
            spec.nodeName            | node-a
            spec.host                | node-a
            spec.restartPolicy       | Always
            spec.schedulerName       | default-scheduler
            spec.serviceAccountName  | builder
            spec.hostNetwork         | true
            status.phase             | Running
            status.podIP             | 10.0.0.7
            status.podIPs            | ""
            status.nominatedNodeName | node-b
            """)
    void podFieldsReadAsKubeRendersThem(String field, String value) {
        assertThat(SelectableFields.fieldsOf("", "pods", POD).apply(field)).contains(value);
    }

    @ParameterizedTest(name = "[{index}] unset pod field {0} reads \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            spec.nodeName            | ""
            spec.hostNetwork         | false
            status.podIP             | ""
            status.phase             | ""
            """)
    void unsetPodFieldsReadAsKubesZeroValues(String field, String value) {
        assertThat(SelectableFields.fieldsOf("", "pods", BARE_POD).apply(field)).contains(value);
    }

    @ParameterizedTest(name = "[{index}] event field {0} reads \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            involvedObject.kind            | Pod
            involvedObject.namespace       | shop
            involvedObject.name            | web-1
            involvedObject.uid             | u-1
            involvedObject.apiVersion      | v1
            involvedObject.resourceVersion | 42
            involvedObject.fieldPath       | spec.containers{app}
            reason                         | Pulled
            reportingComponent             | kubelet
            source                         | kubelet
            type                           | Normal
            """)
    void eventFieldsReadFromTheCoreEvent(String field, String value) {
        assertThat(SelectableFields.fieldsOf("", "events", EVENT).apply(field)).contains(value);
    }

    @ParameterizedTest(name = "[{index}] {0}/{1} field {3} of {2} reads \"{4}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                  | secrets     | {'type': 'Opaque'}                        | type              | Opaque
            ""                  | namespaces  | {'status': {'phase': 'Terminating'}}      | status.phase      | Terminating
            ""                  | nodes       | {'spec': {'unschedulable': true}}         | spec.unschedulable | true
            ""                  | nodes       | {'spec': {}}                              | spec.unschedulable | false
            ""                  | services    | {'spec': {'type': 'NodePort'}}            | spec.type         | NodePort
            ""                  | replicationcontrollers | {'status': {'replicas': 3}}    | status.replicas   | 3
            apps                | replicasets | {'status': {'replicas': 2}}               | status.replicas   | 2
            apps                | replicasets | {'status': {}}                            | status.replicas   | 0
            batch               | jobs        | {'status': {'succeeded': 4}}              | status.successful | 4
            certificates.k8s.io | certificatesigningrequests | {'spec': {'signerName': 'x.io/y'}} | spec.signerName | x.io/y
            example.com         | widgets     | {'metadata': {'name': 'w', 'namespace': 'n'}} | metadata.namespace | n
            ""                  | configmaps  | {'metadata': {'name': 'c'}}               | metadata.name     | c
            """)
    void resourceSpecificFieldsReadAsKubeRendersThem(String group, String resource, String json, String field,
                                                     String value) {
        assertThat(SelectableFields.fieldsOf(group, resource, object(json)).apply(field)).contains(value);
    }

    @Test
    void anEventWithoutASourceComponentReportsItsReportingComponentAsSource() {
        ObjectNode event = object("{'source': {}, 'reportingComponent': 'scheduler'}");

        assertThat(SelectableFields.fieldsOf("", "events", event).apply("source")).contains("scheduler");
    }

    @Test
    void aFieldTheResourceDoesNotAllowHasNoValue() {
        assertThat(SelectableFields.fieldsOf("", "configmaps", BARE_POD).apply("spec.nodeName")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}/{1} accepts {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""          | pods       | "spec.nodeName=a,status.phase!=Failed,metadata.namespace=b"
            ""          | pods       | spec.host=a
            ""          | nodes      | "metadata.name=a,spec.unschedulable=false"
            ""          | events     | "involvedObject.kind=Pod,reason=Pulled"
            example.com | widgets    | "metadata.name=a,metadata.namespace=b"
            ""          | configmaps | ""
            """)
    void allowedFieldsPassValidation(String group, String resource, String selector) throws SelectorException {
        FieldSelector parsed = FieldSelector.parse(selector);

        assertThatCode(() -> SelectableFields.validate(group, resource, parsed)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "[{index}] {0}/{1} refuses {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""          | pods       | spec.foo=x                 | field label not supported: spec.foo
            ""          | pods       | "z.bad=1,a.bad=2"          | field label not supported: a.bad
            ""          | nodes      | metadata.namespace=x       | field label not supported: metadata.namespace
            ""          | namespaces | metadata.namespace=x       | field label not supported: metadata.namespace
            ""          | secrets    | data=x                     | field label not supported: data
            """)
    void fieldsOutsideTheResourcesSetAreRefusedWithKubesMessage(String group, String resource, String selector,
                                                                 String message) throws SelectorException {
        FieldSelector parsed = FieldSelector.parse(selector);

        assertThatThrownBy(() -> SelectableFields.validate(group, resource, parsed))
                .isInstanceOf(SelectorException.class)
                .hasMessage(message);
    }

    @Test
    void resourcesWithoutTheirOwnFieldSetRefuseWithKubesDefaultMessage() throws SelectorException {
        FieldSelector parsed = FieldSelector.parse("spec.foo=x");

        assertThatThrownBy(() -> SelectableFields.validate("example.com", "widgets", parsed))
                .isInstanceOf(SelectorException.class)
                .hasMessage("\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    }

    @Test
    void theDefaultMessageQuotesTheFieldAsGoDoes() throws SelectorException {
        FieldSelector parsed = FieldSelector.parse("da\"ta\\x\t=1");

        assertThatThrownBy(() -> SelectableFields.validate("", "configmaps", parsed))
                .hasMessageStartingWith("\"da\\\"ta\\\\x\\t\" is not a known field selector");
    }

    @ParameterizedTest(name = "[{index}] {0} on the unscheduled pod -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            spec.nodeName=                           | true
            spec.nodeName!=                          | false
            spec.hostNetwork=false                   | true
            metadata.name=new,metadata.namespace=shop | true
            metadata.name=old                        | false
            """)
    void selectorsMatchObjectsThroughTheirSelectableFields(String selector, boolean expected)
            throws SelectorException {
        assertThat(FieldSelector.parse(selector).matches(SelectableFields.fieldsOf("", "pods", BARE_POD)))
                .isEqualTo(expected);
    }

    private static ObjectNode object(String relaxedJson) {
        return (ObjectNode) JSON.readTree(relaxedJson.replace('\'', '"'));
    }
}
