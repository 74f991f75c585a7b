package dev.muninn.server.seed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds once the server listens (so the mock provider can point at the real port). Started
 * with the argument {@code seed}, Muninn seeds and exits: the seeding command.
 */
@Component
class SeedRunner {

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
        if (seedOnStart || seedCommand) {
            ApplicationContext context = event.getApplicationContext();
            seeds.seed(context.getEnvironment().getProperty("local.server.port", Integer.class, 8900));
        }
        if (seedCommand) {
            System.exit(SpringApplication.exit(event.getApplicationContext(), () -> 0));
        }
    }
}
