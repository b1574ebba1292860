package io.switchboard.infrastructure;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals secrets for storage with AES-256-GCM: a random 96-bit nonce per value, the purpose bound in as
 * associated data (a token sealed for one use cannot be opened as another), and the id of the key stored
 * beside the ciphertext. A keyring: new values are sealed with the newest key; values sealed with a previous
 * key still open, until {@link #reseal} moves them to the newest. Plaintexts never leave through logs or
 * exceptions.
 */
public class SecretBox {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String keyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** @param keys key id to key bytes, the newest (the one that seals) first */
    SecretBox(Map<String, byte[]> keys) {
        keys.forEach((id, key) -> this.keys.put(id, new SecretKeySpec(key, "AES")));
        this.keyId = this.keys.keySet().iterator().next();
    }

    /** A sealed value: the id of the key that sealed it and {@code format | nonce | ciphertext+tag}. */
    public record Sealed(String keyId, byte[] bytes) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + bytes.length + " bytes]";
        }
    }

    public Sealed seal(String purpose, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret: " + e.getClass().getSimpleName());
        }
    }

    /** @throws SecretUnreadable when no key of the ring sealed it, it was sealed for another purpose, or is damaged */
    public String open(String purpose, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SecretUnreadable("The secret was encrypted with key " + sealed.keyId()
                    + ", which this instance does not have (it has " + String.join(", ", keys.keySet())
                    + "): set that key as SWITCHBOARD_ENCRYPTION_KEY or add it to "
                    + "SWITCHBOARD_ENCRYPTION_PREVIOUS_KEYS, or reconnect the account.");
        }
        byte[] bytes = sealed.bytes();
        if (bytes.length < 1 + NONCE_BYTES || bytes[0] != FORMAT) {
            throw new SecretUnreadable("The stored secret is not in a format this version reads.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadable("The stored secret does not decrypt with key " + sealed.keyId()
                    + ": it was damaged or sealed for something else.");
        }
    }

    /** The value sealed with the newest key: itself when it already is, else opened and sealed again. */
    public Sealed reseal(String purpose, Sealed sealed) {
        return sealed.keyId().equals(keyId) ? sealed : seal(purpose, open(purpose, sealed));
    }

    /** Which key seals new values. */
    public String keyId() {
        return keyId;
    }

    /** Every key this instance opens values with, the newest first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }
}
