package dev.cim.persistence.sample.order;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.sample.order.OrderEvent.ItemAdded;
import dev.cim.persistence.sample.order.OrderEvent.ItemRemoved;
import dev.cim.persistence.sample.order.OrderEvent.OrderCancelled;
import dev.cim.persistence.sample.order.OrderEvent.OrderCreated;
import dev.cim.persistence.sample.order.OrderEvent.OrderPlaced;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Order}.
 */
class OrderTests {

	private static final BigDecimal PRICE = new BigDecimal("9.99");

	@Test
	void createShouldDecideOrderCreated() {
		assertThat(Order.blank().create("o-1", "c-1")).containsExactly(new OrderCreated("o-1", "c-1"));
	}

	@Test
	void applyOrderCreatedShouldOpenTheOrder() {
		Order order = order(new OrderCreated("o-1", "c-1"));
		assertThat(order.id()).isEqualTo("o-1");
		assertThat(order.customerId()).isEqualTo("c-1");
		assertThat(order.status()).isEqualTo(OrderStatus.OPEN);
		assertThat(order.items()).isEmpty();
		assertThat(order.total()).isEqualByComparingTo("0");
	}

	@Test
	void createWhenAlreadyCreatedShouldViolateRule() {
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> open().create("o-1", "c-1"))
			.withMessageContaining("already exists");
	}

	@Test
	void createWithMalformedIdsShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Order.blank().create("a.b", "c-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Order.blank().create("o-1", "has space"));
		assertThatIllegalArgumentException().isThrownBy(() -> Order.blank().create("", "c-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Order.blank().create("x".repeat(65), "c-1"));
		assertThat(Order.blank().create("x".repeat(64), "A_z-9")).hasSize(1);
	}

	@Test
	void addItemShouldDecideItemAddedWithoutChangingState() {
		Order order = open();
		assertThat(order.addItem("A-1", 2, PRICE)).containsExactly(new ItemAdded("A-1", 2, PRICE));
		assertThat(order.items()).isEmpty();
	}

	@Test
	void addItemShouldNormalizeThePriceToTwoDecimals() {
		List<OrderEvent> events = open().addItem("A-1", 1, new BigDecimal("5"));
		assertThat(((ItemAdded) events.get(0)).unitPrice()).isEqualTo(new BigDecimal("5.00"));
	}

	@Test
	void addItemWithQuantityOutOfRangeShouldViolateRule() {
		Order order = open();
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> order.addItem("A-1", 0, PRICE))
			.withMessageContaining("quantity");
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> order.addItem("A-1", -3, PRICE));
		assertThatExceptionOfType(OrderRuleViolationException.class)
			.isThrownBy(() -> order.addItem("A-1", 1001, PRICE));
		assertThat(order.addItem("A-1", 1, PRICE)).hasSize(1);
		assertThat(order.addItem("A-1", 1000, PRICE)).hasSize(1);
	}

	@Test
	void addItemWithMalformedPriceOrSkuShouldBeRefused() {
		Order order = open();
		assertThatIllegalArgumentException().isThrownBy(() -> order.addItem("A-1", 1, new BigDecimal("-0.01")));
		assertThatIllegalArgumentException().isThrownBy(() -> order.addItem("A-1", 1, new BigDecimal("1.001")));
		assertThatIllegalArgumentException().isThrownBy(() -> order.addItem("A.1", 1, PRICE));
	}

	@Test
	void itemsOfTheSameSkuShouldAddUp() {
		Order order = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 2, PRICE),
				new ItemAdded("B-2", 1, new BigDecimal("5.00")), new ItemAdded("A-1", 3, PRICE));
		assertThat(order.items()).containsExactly(new OrderLine("A-1", 5, PRICE),
				new OrderLine("B-2", 1, new BigDecimal("5.00")));
		assertThat(order.total()).isEqualTo(new BigDecimal("54.95"));
	}

	@Test
	void addItemWhenNotOpenShouldViolateRule() {
		Order placed = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 1, PRICE), new OrderPlaced());
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> placed.addItem("B-2", 1, PRICE))
			.withMessageContaining("PLACED");
		Order cancelled = order(new OrderCreated("o-1", "c-1"), new OrderCancelled("changed my mind"));
		assertThatExceptionOfType(OrderRuleViolationException.class)
			.isThrownBy(() -> cancelled.addItem("B-2", 1, PRICE));
	}

	@Test
	void removeItemShouldRemoveTheWholeLine() {
		Order order = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 2, PRICE),
				new ItemAdded("B-2", 1, PRICE));
		List<OrderEvent> events = order.removeItem("A-1");
		assertThat(events).containsExactly(new ItemRemoved("A-1"));
		events.forEach(order::apply);
		assertThat(order.items()).extracting(OrderLine::sku).containsExactly("B-2");
		assertThat(order.total()).isEqualTo(new BigDecimal("9.99"));
	}

	@Test
	void removeItemThatIsAbsentShouldViolateRule() {
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> open().removeItem("A-1"))
			.withMessageContaining("no item 'A-1'");
	}

	@Test
	void removeItemWhenPlacedShouldViolateRule() {
		Order placed = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 1, PRICE), new OrderPlaced());
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> placed.removeItem("A-1"));
	}

	@Test
	void placeShouldNeedAtLeastOneItem() {
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> open().place())
			.withMessageContaining("no items");
		Order order = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 1, PRICE));
		assertThat(order.place()).containsExactly(new OrderPlaced());
		order.apply(new OrderPlaced());
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
	}

	@Test
	void placeWhenAlreadyPlacedShouldViolateRule() {
		Order placed = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 1, PRICE), new OrderPlaced());
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(placed::place);
	}

	@Test
	void cancelShouldBeAllowedWhenOpenOrPlaced() {
		assertThat(open().cancel("too slow")).containsExactly(new OrderCancelled("too slow"));
		Order placed = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 1, PRICE), new OrderPlaced());
		List<OrderEvent> events = placed.cancel(null);
		assertThat(events).containsExactly(new OrderCancelled(null));
		events.forEach(placed::apply);
		assertThat(placed.status()).isEqualTo(OrderStatus.CANCELLED);
	}

	@Test
	void cancelWhenAlreadyCancelledShouldViolateRule() {
		Order cancelled = order(new OrderCreated("o-1", "c-1"), new OrderCancelled("first"));
		assertThatExceptionOfType(OrderRuleViolationException.class).isThrownBy(() -> cancelled.cancel("second"))
			.withMessageContaining("already cancelled");
	}

	@Test
	void stateShouldRoundTripThroughTheStoresStateMapper() throws Exception {
		Order order = order(new OrderCreated("o-1", "c-1"), new ItemAdded("A-1", 2, PRICE),
				new ItemAdded("B-2", 1, new BigDecimal("10.00")), new OrderPlaced());
		ObjectMapper mapper = StoreObjectMappers.forState();
		JsonNode state = mapper.valueToTree(order);
		assertThat(state.get("items").get("B-2").get("unitPrice").asText()).isEqualTo("10.00");
		Order restored = mapper.treeToValue(state, Order.class);
		assertThat(restored.id()).isEqualTo("o-1");
		assertThat(restored.customerId()).isEqualTo("c-1");
		assertThat(restored.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(restored.items()).isEqualTo(order.items());
		assertThat(restored.total()).isEqualTo(new BigDecimal("29.98"));
	}

	private static Order open() {
		return order(new OrderCreated("o-1", "c-1"));
	}

	private static Order order(OrderEvent... events) {
		Order order = Order.blank();
		for (OrderEvent event : events) {
			order.apply(event);
		}
		return order;
	}

}
