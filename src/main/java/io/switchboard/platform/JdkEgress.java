package io.switchboard.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An egress over a JDK {@link HttpClient}. */
record JdkEgress(String name, HttpClient client) implements Egress {

    @Override
    public EgressResponse send(EgressRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout())
                .method(request.method(), request.bodyFile() != null
                        ? HttpRequest.BodyPublishers.ofFile(request.bodyFile())
                        : request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new EgressResponse(response.statusCode(), response.headers().map(), response.body());
    }
}
