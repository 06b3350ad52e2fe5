package org.stacklab.sim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * A name in a scenario that refers to something else (a mode, a profile), with where it was
 * written, so that a name that resolves to nothing is reported at its own line and column.
 *
 * @param name   the name or file path as written
 * @param line   1-based line, or 0 if it did not come from a file
 * @param column 1-based column, or 0
 */
@JsonDeserialize(using = Reference.Reader.class)
public record Reference(String name, int line, int column) {

    /** A reference given on the command line rather than in a file. */
    public static Reference of(String name) {
        return new Reference(name, 0, 0);
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Reader extends StdDeserializer<Reference> {
        Reader() {
            super(Reference.class);
        }

        @Override
        public Reference deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonLocation at = parser.currentTokenLocation();
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Reference) context.handleUnexpectedToken(Reference.class, parser);
            }
            return new Reference(parser.getText(), at.getLineNr(), at.getColumnNr());
        }
    }
}
