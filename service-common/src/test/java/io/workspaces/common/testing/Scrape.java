package io.workspaces.common.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus} (the Prometheus text format), parsed into samples. */
public record Scrape(List<Sample> samples, Set<String> families) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) \\S+$");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                families.add(type.group(1));
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new Scrape(List.copyOf(samples), Set.copyOf(families));
    }

    /** Every sample name and every family name ({@code # TYPE}): what a PromQL expression can select. */
    public Set<String> names() {
        Set<String> names = new HashSet<>(families);
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    /** The samples of {@code name} whose labels include {@code labels} (name, value, name, value...). */
    public List<Sample> find(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The value of the one sample of {@code name} with {@code labels}; fails unless there is exactly one. */
    public double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + " " + String.join(",", labels) + ", found "
                    + found);
        }
        return found.get(0).value();
    }

    /** The values of the label {@code label} across the samples of {@code name}. */
    public Set<String> labelValues(String name, String label) {
        Set<String> values = new HashSet<>();
        find(name).forEach(sample -> {
            if (sample.labels().containsKey(label)) {
                values.add(sample.labels().get(label));
            }
        });
        return values;
    }
}
