package org.misalignment.dashboard.render.share;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG chart parsed as XML (which fails on anything not well-formed), and its bars. */
record Svg(Document document) {

	static Svg parse(String text) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return new Svg(
				factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
	}

	List<Element> bars() {
		List<Element> bars = new ArrayList<>();
		NodeList rects = this.document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
		for (int i = 0; i < rects.getLength(); i++) {
			Element rect = (Element) rects.item(i);
			if (rect.getAttribute("class").equals("bar")) {
				bars.add(rect);
			}
		}
		return bars;
	}

	/** Every text the picture shows, in order. */
	String texts() {
		StringBuilder out = new StringBuilder();
		NodeList texts = this.document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
		for (int i = 0; i < texts.getLength(); i++) {
			out.append(texts.item(i).getTextContent()).append('\n');
		}
		return out.toString();
	}

	/** The lines of one kind of text ({@code class="rule"}, "title", …), in order. */
	List<String> texts(String role) {
		List<String> out = new ArrayList<>();
		NodeList texts = this.document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
		for (int i = 0; i < texts.getLength(); i++) {
			Element text = (Element) texts.item(i);
			if (text.getAttribute("class").equals(role)) {
				out.add(text.getTextContent());
			}
		}
		return out;
	}

}
