package io.switchboard.proxies;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS for proxies: to an HTTPS proxy itself, and to the target through a tunnel. Certificates are verified as
 * the JDK does (chain to a trusted authority, host name matched), against the JDK's authorities plus those in
 * {@code switchboard.proxies.trust-certificates} (a private authority of a corporate proxy or probe).
 */
@Component
class ProxyTls {
    private final SSLSocketFactory factory;

    ProxyTls(ProxySettings settings) {
        this.factory = context(settings.trustCertificates()).getSocketFactory();
    }

    /** Starts TLS with {@code host} over {@code socket}; a failure is a {@link ProxyFailure} of {@code stage}. */
    SSLSocket handshake(Socket socket, String host, int port, Deadline deadline, CheckOutcome stage) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddress(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(deadline.remainingMillis());
        try {
            ssl.startHandshake();
            return ssl;
        } catch (SocketTimeoutException e) {
            throw new ProxyFailure(stage, "no TLS answer from " + ProxyEndpoint.authority(host, port) + " within "
                    + deadline.total().toMillis() + " ms");
        } catch (SSLException e) {
            throw new ProxyFailure(stage, "TLS with " + ProxyEndpoint.authority(host, port) + " failed: " + cause(e));
        }
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
            return "its certificate is not signed by a trusted authority (" + message + ")";
        }
        return message;
    }

    private static boolean isAddress(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SSLContext context(@Nullable Path extra) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, extra == null ? null : trustManagers(extra).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** The JDK's authorities and the extra ones, in one store, so the standard checks apply to both. */
    private static TrustManagerFactory trustManagers(Path extra) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = 0;
        for (X509Certificate authority : jdkDefaults().getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + n++, authority);
        }
        for (Certificate certificate : read(extra)) {
            store.setCertificateEntry("extra-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static X509TrustManager jdkDefaults() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }

    private static java.util.Collection<? extends Certificate> read(Path pem) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            var certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("switchboard.proxies.trust-certificates: " + pem
                        + " holds no certificate; give a PEM file of CA certificates");
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalStateException("switchboard.proxies.trust-certificates: cannot read " + pem + ": "
                    + e.getMessage(), e);
        }
    }
}
