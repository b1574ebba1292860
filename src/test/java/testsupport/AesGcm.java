package testsupport;

import io.switchboard.testing.AppInstance;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opens a sealed column the way docs/user-guide/accounts.md describes it (AES-256-GCM with the configured key, a 96-bit nonce after
 * a format byte, the purpose as associated data), with the JDK's cipher and nothing of Switchboard's, so a
 * test sees what is really stored rather than what the application's own code says about it.
 */
public final class AesGcm {
    private AesGcm() {
    }

    /** The plaintext of a value sealed with the test instances' key for {@code purpose}. */
    public static String open(String purpose, byte[] stored) {
        if (stored[0] != 1) {
            throw new AssertionError("unknown format byte " + stored[0]);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(AppInstance.ENCRYPTION_KEY),
                    "AES"), new GCMParameterSpec(128, stored, 1, 12));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, 13, stored.length - 13), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("not AES-256-GCM under the configured key for " + purpose + ": " + e, e);
        }
    }

    /** The nonce a sealed value was made with. */
    public static String nonce(byte[] stored) {
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(stored, 1, 13));
    }
}
