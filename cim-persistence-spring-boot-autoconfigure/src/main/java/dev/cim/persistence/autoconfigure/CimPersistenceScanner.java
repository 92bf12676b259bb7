package dev.cim.persistence.autoconfigure;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the classes carrying an annotation ({@code @Aggregate}, {@code @ReadModel}) in
 * the packages of {@link CimPersistenceScan @CimPersistenceScan} when the application has
 * one, else in the {@link AutoConfigurationPackages auto-configuration packages}.
 */
final class CimPersistenceScanner {

	private final BeanFactory beanFactory;

	private final @Nullable Environment environment;

	private final @Nullable ResourceLoader resourceLoader;

	CimPersistenceScanner(BeanFactory beanFactory, @Nullable Environment environment,
			@Nullable ResourceLoader resourceLoader) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.resourceLoader = resourceLoader;
	}

	/**
	 * The packages scanned.
	 * @return the packages, empty when the application names none
	 */
	List<String> packages() {
		CimPersistenceScanPackages scan = CimPersistenceScanPackages.get(this.beanFactory);
		if (scan != null && !scan.getPackageNames().isEmpty()) {
			return scan.getPackageNames();
		}
		return AutoConfigurationPackages.has(this.beanFactory) ? AutoConfigurationPackages.get(this.beanFactory)
				: List.of();
	}

	/**
	 * The classes in the scanned packages that carry an annotation.
	 * @param annotationType the annotation
	 * @return the classes, in the order found
	 */
	Set<Class<?>> scan(Class<? extends Annotation> annotationType) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		if (this.environment != null) {
			scanner.setEnvironment(this.environment);
		}
		if (this.resourceLoader != null) {
			scanner.setResourceLoader(this.resourceLoader);
		}
		scanner.addIncludeFilter(new AnnotationTypeFilter(annotationType));
		ClassLoader classLoader = (this.resourceLoader != null) ? this.resourceLoader.getClassLoader() : null;
		Set<Class<?>> classes = new LinkedHashSet<>();
		for (String basePackage : packages()) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				if (className != null) {
					classes.add(ClassUtils.resolveClassName(className, classLoader));
				}
			}
		}
		return classes;
	}

}
