package testsupport;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/**
 * Self-signed server certificates for localhost and 127.0.0.1, made with the JDK's keytool once per test JVM:
 * {@link #trusted()} is the one instances are told to trust (switchboard.proxies.trust-certificates), {@link
 * #untrusted()} one they are not.
 */
public final class TestCertificates {
    private static final String PASSWORD = "test-store-password";
    private static TestCertificates trusted;
    private static TestCertificates untrusted;
    private final Path keyStore;
    private final Path pem;

    private TestCertificates(Path keyStore, Path pem) {
        this.keyStore = keyStore;
        this.pem = pem;
    }

    public static synchronized TestCertificates trusted() {
        if (trusted == null) {
            trusted = create("trusted");
        }
        return trusted;
    }

    public static synchronized TestCertificates untrusted() {
        if (untrusted == null) {
            untrusted = create("untrusted");
        }
        return untrusted;
    }

    /** The PKCS12 key store holding the certificate and its key (password {@link #PASSWORD}), for servers. */
    public Path keyStore() {
        return keyStore;
    }

    /** The key store's and the key's password. */
    public static String password() {
        return PASSWORD;
    }

    /** The certificate as PEM, for switchboard.proxies.trust-certificates. */
    public Path pem() {
        return pem;
    }

    /** A server-side TLS context presenting the certificate. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificates create(String name) {
        try {
            Path dir = Files.createTempDirectory("switchboard-certs-");
            Path store = dir.resolve(name + ".p12");
            Path pem = dir.resolve(name + ".pem");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3",
                    "-dname", "CN=localhost, O=Switchboard tests " + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-file", pem.toString());
            return new TestCertificates(store, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
