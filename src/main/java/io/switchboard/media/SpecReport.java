package io.switchboard.media;

import java.util.List;

/** A media file checked rule by rule against a platform spec. */
public record SpecReport(String spec, List<Check> checks) {

    public enum Verdict {
        PASS,
        /** out of spec, but a transcode fixes it */
        FIX,
        /** out of spec, and nothing we do can fix it (too short, no picture) */
        REJECT
    }

    /**
     * @param rule     what is checked, as the operator reads it ("Video codec")
     * @param measured the file's value ("MPEG-4 Part 2")
     * @param required what the platform accepts ("H.264 or HEVC")
     */
    public record Check(String rule, Verdict verdict, String measured, String required) {
        public boolean passed() {
            return verdict == Verdict.PASS;
        }
    }

    /** Every rule passed: the file can go to the platform as it is. */
    public boolean compliant() {
        return checks.stream().allMatch(Check::passed);
    }

    /** No rule makes it hopeless: a transcode yields a compliant rendition. */
    public boolean fixable() {
        return checks.stream().noneMatch(c -> c.verdict() == Verdict.REJECT);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The reasons a file cannot be used, for the operator ("Duration 2.0 s: needs 3 s to 15 min"). */
    public String rejection() {
        return String.join("; ", checks.stream().filter(c -> c.verdict() == Verdict.REJECT)
                .map(c -> c.rule() + " " + c.measured() + ": needs " + c.required()).toList());
    }
}
