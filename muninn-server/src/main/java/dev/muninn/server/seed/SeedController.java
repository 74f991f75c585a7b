package dev.muninn.server.seed;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/llm/seed")
@Tag(name = "LLM Configuration")
class SeedController {

    private final SeedService seeds;
    private final Environment environment;

    SeedController(SeedService seeds, Environment environment) {
        this.seeds = seeds;
        this.environment = environment;
    }

    @PostMapping
    @Operation(summary = "Add the seeded providers, models, presets and routes that are missing; never overwrites")
    SeedService.SeedReport seed() {
        return seeds.seed(environment.getProperty("local.server.port", Integer.class, 8900));
    }
}
