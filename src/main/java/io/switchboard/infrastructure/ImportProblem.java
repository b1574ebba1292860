package io.switchboard.infrastructure;

/** One problem of an import (accounts, proxies), where it is: a row or line number (0: the file) and a column. */
public interface ImportProblem {

    /** The row or line, from 1; 0 for the file as a whole. */
    int number();

    /** The column's name, or empty when the problem is the whole row. */
    String column();

    String message();

    /** What the numbers count: "Row" (CSV) or "Line". */
    String unit();

    /** "Row 3, column time_zone: …", for messages and logs. */
    default String describe() {
        return (number() > 0 ? unit() + " " + number() : "The file") + (column().isEmpty() ? "" : ", column " + column())
                + ": " + message();
    }
}
