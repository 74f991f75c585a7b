package dev.muninn.server.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

@MockLlmOverHttp
@ActiveProfiles("production")
class MockLlmProductionProfileTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void mockIsOffInProduction() throws Exception {
        MockLlmClient client = new MockLlmClient(port);

        assertThat(client.get("models").statusCode()).isEqualTo(404);
        assertThat(client.post("chat/completions", """
                {"model": "mock", "messages": [{"role": "user", "content": "hi"}]}""").statusCode()).isEqualTo(404);
        assertThat(context.getBeansOfType(MockLlmController.class)).isEmpty();
    }
}
