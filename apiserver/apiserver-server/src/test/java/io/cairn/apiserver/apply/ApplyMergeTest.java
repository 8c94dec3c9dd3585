package io.cairn.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApplyMergeTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Schema POD = ObjectShapes.builtIn().of("v1", "Pod").orElseThrow();
    static final Schema SERVICE = ObjectShapes.builtIn().of("v1", "Service").orElseThrow();
    /** A custom kind whose schema declares a map list, a set, a plain (atomic) list and an atomic map. */
    static final Schema WIDGET = ObjectShapes.structural((apiVersion, kind) -> kind.equals("Widget")
            ? java.util.Optional.of(json("""
                {'type':'object','properties':{'spec':{'type':'object','properties':{
                  'ports':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['port','protocol'],
                    'items':{'type':'object','properties':{'port':{'type':'integer'},
                      'protocol':{'type':'string','default':'TCP'},'name':{'type':'string'}}}},
                  'tags':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},
                  'args':{'type':'array','items':{'type':'string'}},
                  'limits':{'type':'object','x-kubernetes-map-type':'atomic',
                    'additionalProperties':{'type':'string'}},
                  'extra':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}}}"""))
            : java.util.Optional.empty()).of("example.com/v1", "Widget").orElseThrow();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("containers merge by name; live ones keep their place, new ones follow", POD,
                        "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'1'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'2'},{'name':'c','image':'1'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'1'},{'name':'b','image':'2'},"
                                + "{'name':'c','image':'1'}]}}"),
                Arguments.of("ports match on containerPort and the defaulted protocol", POD,
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP',"
                                + "'name':'http'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'hostPort':8080}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP',"
                                + "'name':'http','hostPort':8080}]}]}}"),
                Arguments.of("env entries merge by name", POD,
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'2'},"
                                + "{'name':'X','value':'3'}]}]}}",
                        "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'2'},"
                                + "{'name':'X','value':'3'}]}]}}"),
                Arguments.of("atomic lists are replaced", POD,
                        "{'spec':{'containers':[{'name':'a','args':['x','y']}],'tolerations':[{'key':'k'}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['z']}],'tolerations':[{'key':'j'}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['z']}],'tolerations':[{'key':'j'}]}}"),
                Arguments.of("granular maps merge key by key", POD,
                        "{'metadata':{'labels':{'a':'1','b':'1'}}}",
                        "{'metadata':{'labels':{'b':'2','c':'3'}}}",
                        "{'metadata':{'labels':{'a':'1','b':'2','c':'3'}}}"),
                Arguments.of("atomic maps are replaced", POD,
                        "{'spec':{'nodeSelector':{'a':'1','b':'1'}}}",
                        "{'spec':{'nodeSelector':{'c':'3'}}}",
                        "{'spec':{'nodeSelector':{'c':'3'}}}"),
                Arguments.of("sets keep live values and add new ones", POD,
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['c','a']}}",
                        "{'metadata':{'finalizers':['c','a','b']}}"),
                Arguments.of("service ports merge on port and protocol", SERVICE,
                        "{'spec':{'ports':[{'port':80,'protocol':'TCP','targetPort':8080},{'port':53,"
                                + "'protocol':'UDP'}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
                        "{'spec':{'ports':[{'port':80,'protocol':'TCP','targetPort':9090},{'port':53,"
                                + "'protocol':'UDP'}]}}"),
                Arguments.of("an atomic struct (a label selector) is replaced", SERVICE,
                        "{'spec':{'selector':{'a':'1'}}}",
                        "{'spec':{'selector':{'b':'2'}}}",
                        "{'spec':{'selector':{'b':'2'}}}"),
                Arguments.of("custom kind: a map list merges on its keys, the schema's default standing in", WIDGET,
                        "{'spec':{'ports':[{'port':80,'protocol':'TCP','name':'a'},{'port':81,'protocol':'UDP'}]}}",
                        "{'spec':{'ports':[{'port':80,'name':'b'}]}}",
                        "{'spec':{'ports':[{'port':80,'protocol':'TCP','name':'b'},{'port':81,'protocol':'UDP'}]}}"),
                Arguments.of("custom kind: sets add, plain lists are atomic, atomic maps are replaced", WIDGET,
                        "{'spec':{'tags':['a'],'args':['x','y'],'limits':{'cpu':'1','mem':'2'}}}",
                        "{'spec':{'tags':['b'],'args':['z'],'limits':{'cpu':'3'}}}",
                        "{'spec':{'tags':['a','b'],'args':['z'],'limits':{'cpu':'3'}}}"),
                Arguments.of("custom kind: metadata keeps ObjectMeta's shapes; unknown-field objects merge", WIDGET,
                        "{'metadata':{'labels':{'a':'1'},'finalizers':['f']},'spec':{'extra':{'x':1}}}",
                        "{'metadata':{'labels':{'b':'2'},'finalizers':['g']},'spec':{'extra':{'y':2}}}",
                        "{'metadata':{'labels':{'a':'1','b':'2'},'finalizers':['f','g']},"
                                + "'spec':{'extra':{'x':1,'y':2}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void applyMergesByShape(String title, Schema schema, String live, String config, String expected) {
        assertThat(ApplyMerge.merge(json(live), json(config), schema)).isEqualTo(json(expected));
    }

    static Stream<Arguments> members() {
        return Stream.of(
                Arguments.of("leaves and map entries", "{'metadata':{'labels':{'a':'1'}},'spec':{'hostname':'h'}}",
                        "{'f:metadata':{'f:labels':{'f:a':{}}},'f:spec':{'f:hostname':{}}}"),
                Arguments.of("an empty map is a member", "{'spec':{'containers':[{'name':'a','resources':{}}]}}",
                        "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'a\\'}':{'.':{},'f:name':{},'f:resources':{}}}}}"),
                Arguments.of("an atomic list is one member", "{'spec':{'containers':[{'name':'a','args':['x']}]}}",
                        "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'a\\'}':{'.':{},'f:args':{},'f:name':{}}}}}"),
                Arguments.of("set elements are values", "{'metadata':{'finalizers':['x']}}",
                        "{'f:metadata':{'f:finalizers':{'v:\\'x\\'':{}}}}"));
    }

    @org.junit.jupiter.api.Test
    void aCustomKindsMapListIsOwnedByElementKey() {
        assertThat(ObjectWalk.members(json("{'spec':{'ports':[{'port':80,'protocol':'TCP'}],'args':['x']}}"), WIDGET)
                .toFieldsV1()).isEqualTo(json("{'f:spec':{'f:args':{},'f:ports':{"
                + "'k:{\\'port\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:port':{},'f:protocol':{}}}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("members")
    void appliedFieldsAreStructuredMergeDiffMembers(String title, String object, String fieldsV1) {
        assertThat(ObjectWalk.members(json(object), POD).toFieldsV1()).isEqualTo(json(fieldsV1));
    }
}
