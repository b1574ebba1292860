package io.switchboard.infrastructure;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values as spreadsheets write them (RFC 4180): quoted fields may hold commas, quotes (doubled)
 * and line breaks; CRLF or LF ends a record; a leading byte order mark is ignored. Imports and exports use it.
 */
public final class Csv {
    /** First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private Csv() {
    }

    /** A parsed record and the line of the file it starts on (1-based). */
    public record Line(int number, List<String> fields) {
    }

    /** @throws IllegalArgumentException when a quoted field is not closed, naming the line it started on */
    public static List<Line> parse(String text) {
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Line> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordStart = 1;
        boolean quoted = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < input.length() && input.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < input.length() && input.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                addUnlessBlank(lines, recordStart, fields);
                fields = new ArrayList<>();
                line++;
                recordStart = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("A quoted field that starts on line " + recordStart + " is never closed");
        }
        fields.add(field.toString());
        addUnlessBlank(lines, recordStart, fields);
        return lines;
    }

    private static void addUnlessBlank(List<Line> lines, int number, List<String> fields) {
        if (!(fields.size() == 1 && fields.getFirst().isBlank())) {
            lines.add(new Line(number, List.copyOf(fields)));
        }
    }

    /** One record, quoted where needed, ending with CRLF. */
    public static String record(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = fields.get(i) == null ? "" : fields.get(i);
            // a leading =, +, - or @ (or a tab or carriage return before one) would run as a formula in a spreadsheet
            if (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
                value = "'" + value;
            }
            boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
            out.append(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
        }
        return out.append("\r\n").toString();
    }
}
