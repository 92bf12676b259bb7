package dev.cim.persistence.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Where to look for {@link dev.cim.persistence.repository.Aggregate @Aggregate} and
 * {@link dev.cim.persistence.readmodel.ReadModel @ReadModel} classes, in place of the
 * auto-configuration packages (the package of the {@code @SpringBootApplication} class
 * and below). Like {@code @EntityScan}: put it on a {@code @Configuration} class; without
 * attributes it names that class's package. Several of them add up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(CimPersistenceScanPackages.Registrar.class)
public @interface CimPersistenceScan {

	/**
	 * Alias for {@link #basePackages()}.
	 * @return the packages to scan
	 */
	@AliasFor("basePackages")
	String[] value() default {};

	/**
	 * Packages to scan, sub-packages included.
	 * @return the packages to scan
	 */
	@AliasFor("value")
	String[] basePackages() default {};

	/**
	 * Classes whose packages are scanned, a type-safe alternative to
	 * {@link #basePackages()}.
	 * @return classes in the packages to scan
	 */
	Class<?>[] basePackageClasses() default {};

}
