namespace FlashApp;

/// <summary>A prompt for the inference endpoint.</summary>
public sealed record Prompt(string Text);

/// <summary>What the inference endpoint answers.</summary>
public sealed record Completion(string Text, int PromptLength);

/// <summary>The counts the CPU endpoint computes.</summary>
public sealed record TextStats(int Characters, int Words);
