package io.switchboard.infrastructure;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Seals secrets for storage with AES-256-GCM: a random 96-bit nonce per value, the purpose bound in as
 * associated data (a token sealed for one use cannot be opened as another), and the id of the key stored
 * beside the ciphertext so keys can be rotated later. Plaintexts never leave through logs or exceptions.
 */
public class SecretBox {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final String keyId;

    SecretBox(byte[] key, String keyId) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId;
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
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret: " + e.getClass().getSimpleName());
        }
    }

    /** @throws SecretUnreadable when the value was sealed with another key or for another purpose, or is damaged */
    public String open(String purpose, Sealed sealed) {
        if (!sealed.keyId().equals(keyId)) {
            throw new SecretUnreadable("The secret was encrypted with key " + sealed.keyId()
                    + ", but this instance has key " + keyId + ": set the SWITCHBOARD_ENCRYPTION_KEY it was "
                    + "stored with, or reconnect the account.");
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
            throw new SecretUnreadable("The stored secret does not decrypt with key " + keyId
                    + ": it was damaged or sealed for something else.");
        }
    }

    /** Which key seals new values. */
    public String keyId() {
        return keyId;
    }
}
