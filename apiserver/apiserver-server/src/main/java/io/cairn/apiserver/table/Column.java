package io.cairn.apiserver.table;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Table column definition.
 *
 * <p>Why: kubectl takes its headers from the names (upper-cased) and hides {@code priority > 0} columns unless asked
 * for {@code -o wide}; the server always sends every column and every cell.
 *
 * @param name the header as kube spells it ("Nominated Node")
 * @param type the OpenAPI type of the cells ("string", "integer", "date")
 * @param format the OpenAPI format ("name" for the column kubectl treats as the object name, else empty)
 * @param description what the column shows
 * @param priority 0 for the default view, 1 for wide-only columns
 */
record Column(String name, String type, String format, String description, int priority) {

    /** The Name column every kind starts with. */
    static final Column NAME = new Column("Name", "string", "name", Descriptions.NAME, 0);

    /** The Age column. */
    static final Column AGE = text("Age", Descriptions.CREATION_TIMESTAMP);

    static Column text(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    /** This column shown only with {@code -o wide}. */
    Column wide() {
        return new Column(name, type, format, description, 1);
    }

    ObjectNode json(JsonNodeFactory nodes) {
        ObjectNode column = nodes.objectNode();
        column.put("name", name);
        column.put("type", type);
        column.put("format", format);
        column.put("description", description);
        column.put("priority", priority);
        return column;
    }
}
