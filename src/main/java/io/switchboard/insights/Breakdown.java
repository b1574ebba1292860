package io.switchboard.insights;

/** How a platform splits an account's followers in its demographics. */
public enum Breakdown {
    AGE("age", "Age"), GENDER("gender", "Gender"), COUNTRY("country", "Country"), CITY("city", "City");

    private final String key;
    private final String label;

    Breakdown(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name the platforms and the database use ({@code age}, {@code gender}, {@code country}, {@code city}). */
    public String key() {
        return key;
    }

    /** The operator's word for it. */
    public String label() {
        return label;
    }

    static Breakdown of(String key) {
        for (Breakdown b : values()) {
            if (b.key.equals(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no breakdown " + key);
    }
}
