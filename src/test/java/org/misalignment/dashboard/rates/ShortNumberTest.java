package org.misalignment.dashboard.rates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortNumberTest {

	@Test
	void wholeNumbersHaveNoDecimalPoint() {
		assertThat(ShortNumber.of(30.0)).isEqualTo("30");
		assertThat(ShortNumber.of(0.0)).isEqualTo("0");
		assertThat(ShortNumber.of(-0.0)).isEqualTo("0");
		assertThat(ShortNumber.of(100)).isEqualTo("100");
		assertThat(ShortNumber.of(-5)).isEqualTo("-5");
	}

	@Test
	void fractionsKeepTheirDigitsAndNoTrailingZeros() {
		assertThat(ShortNumber.of(29.5)).isEqualTo("29.5");
		assertThat(ShortNumber.of(0.1)).isEqualTo("0.1");
		assertThat(ShortNumber.of(35.25)).isEqualTo("35.25");
		assertThat(ShortNumber.of(49.9)).isEqualTo("49.9");
		assertThat(ShortNumber.of(0.01)).isEqualTo("0.01");
	}

	@Test
	void smallAndLargeNumbersAreWrittenWithoutAnExponent() {
		assertThat(ShortNumber.of(1e-7)).isEqualTo("0.0000001");
		assertThat(ShortNumber.of(0.0005)).isEqualTo("0.0005");
		assertThat(ShortNumber.of(1e7)).isEqualTo("10000000");
		assertThat(ShortNumber.of(12345678.5)).isEqualTo("12345678.5");
		assertThat(ShortNumber.of(1e15)).isEqualTo("1000000000000000");
		assertThat(ShortNumber.of(1e20)).isEqualTo("100000000000000000000");
	}

	@Test
	void notANumberAndInfinitiesAreWrittenAsJavaWritesThem() {
		assertThat(ShortNumber.of(Double.NaN)).isEqualTo("NaN");
		assertThat(ShortNumber.of(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
		assertThat(ShortNumber.of(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
	}

	@Test
	void whatItWritesReadsBackAsTheSameNumber() {
		for (double value : new double[] { 30, 29.5, 0.1, 1e-7, 33.333333333333336, 1e20, 12.345 }) {
			assertThat(Double.parseDouble(ShortNumber.of(value))).isEqualTo(value);
		}
	}

}
