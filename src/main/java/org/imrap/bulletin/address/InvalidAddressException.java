package org.imrap.bulletin.address;

/** A value that must not go into a message header as it is: a bad address, or a control character. */
public class InvalidAddressException extends IllegalArgumentException {
    private final String field;

    public InvalidAddressException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Which value was refused: {@code "address"} or {@code "name"}, or a CSV column. */
    public String field() {
        return field;
    }
}
