package dev.muninn.server.seed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds once the server listens (so the mock provider can point at the real port). Started
 * with the argument {@code seed}, Muninn seeds and exits: the seeding command.
 */
@Component
class SeedRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedRunner.class);

    private final SeedService seeds;
    private final ApplicationArguments arguments;
    private final boolean seedOnStart;

    SeedRunner(SeedService seeds, ApplicationArguments arguments, @Value("${muninn.seed.on-start:true}") boolean seedOnStart) {
        this.seeds = seeds;
        this.arguments = arguments;
        this.seedOnStart = seedOnStart;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        boolean seedCommand = arguments.getNonOptionArgs().contains("seed");
        int port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", Integer.class, 8900);
        if (seedCommand) {
            seeds.seed(port);
            System.exit(SpringApplication.exit(event.getApplicationContext(), () -> 0));
        }
        if (!seedOnStart) {
            return;
        }
        try {
            if (seeds.seededBefore()) {
                log.info("Seed: this database was seeded before; `bin/muninn seed` or POST /api/v1/llm/seed adds what is missing");
            } else {
                seeds.seedFirstStart(port);
            }
        } catch (DataIntegrityViolationException e) {
            log.info("Seed: another replica is seeding this database");
        } catch (RuntimeException e) {
            // a failed seed must not stop a server whose configuration may be fine already
            log.error("Seed: failed ({}); the server runs on without it", e.getClass().getSimpleName(), e);
        }
    }
}
