package dev.muninn.server.gateway;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves {@code /v1/**} ahead of every other filter and of the DispatcherServlet. The gateway
 * authenticates callers itself (failures in OpenAI's error shape) and records its own meters, so
 * Spring Security, the generic request observations and MVC's handler mapping have nothing to
 * add here; skipping them measured about a fifth of the CPU per request (bench/README.md).
 */
final class GatewayFilter implements Filter {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String EMBEDDINGS = "/v1/embeddings";
    static final String MODELS = "/v1/models";

    private final GatewayController gateway;

    GatewayFilter(GatewayController gateway) {
        this.gateway = gateway;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI();
        boolean post = "POST".equals(request.getMethod());
        boolean get = "GET".equals(request.getMethod());
        if (post && CHAT_COMPLETIONS.equals(path)) {
            gateway.chatCompletions(request, response);
        } else if (post && EMBEDDINGS.equals(path)) {
            gateway.embeddings(request, response);
        } else if (get && MODELS.equals(path)) {
            gateway.models(request, response);
        } else if (get && path.startsWith(MODELS + "/")) {
            gateway.model(request, response);
        } else {
            gateway.unknown(request, response);
        }
    }
}
