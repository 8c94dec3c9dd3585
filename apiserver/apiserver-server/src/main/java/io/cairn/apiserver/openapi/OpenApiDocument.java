package io.cairn.apiserver.openapi;

import java.util.Arrays;

/**
 * One served document: its JSON bytes and their hash (upper-case hex SHA-512, as kube-openapi computes it), which
 * is both the {@code hash} query parameter of the index's URLs and the document's ETag.
 *
 * @param json the document
 * @param hash the hash of {@code json}
 */
public record OpenApiDocument(byte[] json, String hash) {

    public OpenApiDocument {
        json = json.clone();
    }

    /** The bytes to send (a copy). */
    @Override
    public byte[] json() {
        return json.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenApiDocument d && d.hash.equals(hash) && Arrays.equals(d.json, json);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "OpenApiDocument[" + json.length + " bytes, hash " + hash + "]";
    }
}
