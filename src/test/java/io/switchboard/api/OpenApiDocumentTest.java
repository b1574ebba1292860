package io.switchboard.api;

import io.switchboard.testing.AppInstance;
import io.switchboard.testing.Operators;
import io.switchboard.testing.SharedApp;
import io.switchboard.testing.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI 3.1 document is public, generated from the code, and lists every endpoint the API serves. */
class OpenApiDocumentTest {

    @Test
    void the_public_document_lists_every_endpoint_the_api_serves() throws Exception {
        AppInstance app = SharedApp.get();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(app.url("/api/v1/openapi.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = ApiClient.JSON.readTree(response.body());
        assertThat(document.get("openapi").asString()).startsWith("3.1");

        List<String> served = new ArrayList<>();
        app.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((info, method) -> {
                    if (!method.getBeanType().getPackageName().equals(ApiKeyFilter.class.getPackageName())) {
                        return;
                    }
                    info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
                            .forEach(verb -> served.add(verb.name().toLowerCase(Locale.ROOT) + " " + pattern)));
                });
        List<String> documented = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(verb -> documented.add(verb.getKey() + " " + path.getKey())));
        assertThat(served).hasSizeGreaterThanOrEqualTo(20);
        assertThat(documented).containsAll(served);
        assertThat(document.get("components").get("securitySchemes").get("apiKey").get("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void the_interactive_reference_is_for_signed_in_operators_and_served_from_this_app() {
        AppInstance app = SharedApp.get();
        WebSession anonymous = new WebSession();
        assertThat(anonymous.get(app.url("/api/docs")).headers().firstValue("Location").orElse(""))
                .contains("/login");
        WebSession viewer = Operators.signedIn(app, Operators.create(app, "VIEWER"), Operators.PASSWORD);
        String location = viewer.get(app.url("/api/docs")).headers().firstValue("Location").orElseThrow();
        String index = URI.create(app.url("/api/docs")).resolve(location).toString();
        HttpResponse<String> page = viewer.get(index);
        assertThat(page.statusCode()).as(index).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui").doesNotContain("https://");
        assertThat(viewer.get(index.replace("index.html", "swagger-initializer.js")).body())
                .contains("/api/v1/openapi.json");
    }
}
