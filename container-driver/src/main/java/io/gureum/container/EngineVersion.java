package io.gureum.container;

/** What an engine is, from its cheap version call. */
public record EngineVersion(EngineInfo.Product product, String version, String apiVersion) {}
