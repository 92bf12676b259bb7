package dev.cim.persistence.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.support.NatsRepository;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;

/**
 * Registers a {@link NatsRepository} bean for each {@link Aggregate @Aggregate} class
 * found by {@link CimPersistenceScanner}, typed {@code NatsRepository<ThatClass>} so that
 * it is injectable as such and as {@code AggregateRepository<ThatClass>}. An aggregate
 * class for which the application already defines an
 * {@code AggregateRepository<ThatClass>} gets none.
 */
class AggregateRepositoriesRegistrar
		implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware, ResourceLoaderAware {

	private static final Log logger = LogFactory.getLog(AggregateRepositoriesRegistrar.class);

	private @Nullable BeanFactory beanFactory;

	private @Nullable Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		BeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			return;
		}
		for (Class<?> aggregateClass : aggregateClasses(beanFactory)) {
			if (hasUserRepository(beanFactory, aggregateClass)) {
				logger.debug("An AggregateRepository<" + aggregateClass.getName() + "> is defined: none is added");
				continue;
			}
			registry.registerBeanDefinition(beanName(registry, aggregateClass),
					repositoryDefinition(beanFactory, aggregateClass));
		}
	}

	private Set<Class<?>> aggregateClasses(BeanFactory beanFactory) {
		CimPersistenceScanner scanner = new CimPersistenceScanner(beanFactory, this.environment, this.resourceLoader);
		if (scanner.packages().isEmpty()) {
			logger.debug("No packages to scan: no @Aggregate classes are looked for");
			return Set.of();
		}
		Set<Class<?>> classes = scanner.scan(Aggregate.class);
		List<Class<?>> invalid = new ArrayList<>();
		for (Class<?> type : classes) {
			if (!EventSourced.class.isAssignableFrom(type)) {
				invalid.add(type);
			}
		}
		if (!invalid.isEmpty()) {
			throw new IllegalStateException("@Aggregate classes must implement EventSourced: " + invalid);
		}
		return classes;
	}

	private static boolean hasUserRepository(BeanFactory beanFactory, Class<?> aggregateClass) {
		if (!(beanFactory instanceof ListableBeanFactory listable)) {
			return false;
		}
		ResolvableType type = ResolvableType.forClassWithGenerics(AggregateRepository.class, aggregateClass);
		return BeanFactoryUtils.beanNamesForTypeIncludingAncestors(listable, type, true, false).length > 0;
	}

	private static String beanName(BeanDefinitionRegistry registry, Class<?> aggregateClass) {
		String name = StringUtils.uncapitalize(aggregateClass.getSimpleName()) + "Repository";
		return registry.containsBeanDefinition(name) ? aggregateClass.getName() + ".repository" : name;
	}

	private static RootBeanDefinition repositoryDefinition(BeanFactory beanFactory, Class<?> aggregateClass) {
		RootBeanDefinition definition = new RootBeanDefinition(NatsRepository.class);
		definition.setTargetType(ResolvableType.forClassWithGenerics(NatsRepository.class, aggregateClass));
		definition.setInstanceSupplier(() -> repository(beanFactory, aggregateClass));
		definition.setDescription("NatsRepository for @Aggregate " + aggregateClass.getName());
		return definition;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static NatsRepository<?> repository(BeanFactory beanFactory, Class<?> aggregateClass) {
		return beanFactory.getBean(NatsRepositoryFactory.class).getRepository((Class) aggregateClass);
	}

}
