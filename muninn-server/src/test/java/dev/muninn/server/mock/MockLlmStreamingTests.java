package dev.muninn.server.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@MockLlmOverHttp
@TestPropertySource(properties = "muninn.mock.stream-delay=0.15")
class MockLlmStreamingTests {

    @LocalServerPort
    int port;

    @Test
    void chunksArriveOneByOneAsTheyAreProduced() throws Exception {
        HttpResponse<Stream<String>> response = new MockLlmClient(port).postForLines("chat/completions", """
                {"model": "mock", "stream": true, "messages": [{"role": "user", "content": "one two three"}]}""");

        List<String> events = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.startsWith("data: ")) {
                    events.add(line.substring("data: ".length()));
                    arrivals.add(System.nanoTime() / 1_000_000);
                }
            }
        }

        // Role, six words, finish, [DONE]: seven pauses of 150 ms between the first and the last;
        // the margin below keeps a busy machine from failing the test.
        assertThat(events).hasSize(9).last().isEqualTo("[DONE]");
        long spread = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
        assertThat(spread).as("a buffered stream would arrive all at once").isGreaterThanOrEqualTo(600);
    }
}
