package dev.cim.persistence.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's token tree against a linear scan with {@link ReferenceMatcher}, on
 * generated routes (overlapping, since they share a small alphabet), removals and
 * subjects, for every strategy.
 */
class SubjectRouterPropertyTests {

	@Test
	void routerAgreesWithAReferenceScanOnGeneratedRoutesRemovalsAndSubjects() {
		Random random = new Random(20261202L);
		for (int round = 0; round < 200; round++) {
			SubjectRouter router = new SubjectRouter();
			List<Route> registered = new ArrayList<>();
			int next = 0;
			for (int step = 0; step < 60; step++) {
				if (!registered.isEmpty() && random.nextInt(4) == 0) {
					Route removed = registered.remove(random.nextInt(registered.size()));
					assertThat(router.remove(removed.name())).isTrue();
				}
				else {
					Route route = Route.of("r" + next++, PatternGenerator.pattern(random, 5), random.nextInt(4));
					router.add(route);
					registered.add(route);
				}
				for (int probe = 0; probe < 10; probe++) {
					String subject = PatternGenerator.subject(random, 6);
					List<Route> expected = registered.stream()
						.filter((route) -> ReferenceMatcher.matches(route.pattern().pattern(), subject))
						.toList();
					assertThat(router.route(subject, RoutingStrategy.ALL_MATCHES)).as(subject)
						.containsExactlyElementsOf(expected);
					assertThat(router.route(subject, RoutingStrategy.FIRST_MATCH)).as(subject)
						.containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.get(0)));
					List<Route> byPriority = new ArrayList<>(expected);
					// List.sort is stable: ties keep registration order.
					byPriority.sort(Comparator.comparingInt(Route::priority).reversed());
					assertThat(router.route(subject, RoutingStrategy.PRIORITY_BASED)).as(subject)
						.containsExactlyElementsOf(byPriority);
				}
			}
			assertThat(router.routes()).containsExactlyElementsOf(registered);
		}
	}

	@Test
	void removingEveryRouteLeavesAnEmptyRouter() {
		Random random = new Random(7);
		SubjectRouter router = new SubjectRouter();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			router.add(Route.of("r" + i, PatternGenerator.pattern(random, 5)));
			names.add("r" + i);
		}
		java.util.Collections.shuffle(names, random);
		for (String name : names) {
			assertThat(router.remove(name)).isTrue();
		}
		assertThat(router.size()).isZero();
		for (int i = 0; i < 200; i++) {
			assertThat(router.route(PatternGenerator.subject(random, 6))).isEmpty();
		}
	}

}
