package io.cairn.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SecretDataTest {

    private static ObjectNode json(String text) {
        return (ObjectNode) ObjectCodec.JSON.readTree(text);
    }

    @Test
    void stringDataIsBase64EncodedIntoDataAndRemoved() {
        ObjectNode secret = json("{\"data\":{\"a\":\"MQ==\"},\"stringData\":{\"user\":\"admin\"}}");

        SecretData.fold(secret);

        assertThat(secret).isEqualTo(json("{\"data\":{\"a\":\"MQ==\",\"user\":\"YWRtaW4=\"}}"));
    }

    @Test
    void aStringDataKeyWinsOverTheSameDataKey() {
        ObjectNode secret = json("{\"data\":{\"k\":\"b2xk\"},\"stringData\":{\"k\":\"new\"}}");

        SecretData.fold(secret);

        assertThat(secret).isEqualTo(json("{\"data\":{\"k\":\"bmV3\"}}"));
    }

    @Test
    void aSecretWithoutStringDataIsLeftAlone() {
        ObjectNode secret = json("{\"type\":\"Opaque\",\"data\":{\"k\":\"dg==\"}}");

        SecretData.fold(secret);

        assertThat(secret).isEqualTo(json("{\"type\":\"Opaque\",\"data\":{\"k\":\"dg==\"}}"));
    }
}
