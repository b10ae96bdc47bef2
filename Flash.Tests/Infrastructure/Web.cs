using System.Net;
using System.Text;
using Flash.FakeRunPod;
using Microsoft.AspNetCore.Builder;

namespace Flash.Tests.Infrastructure;

/// <summary>A Kestrel server on 127.0.0.1 with a free port, and a client for it.</summary>
internal sealed class Web : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Web(WebApplication app, string baseUrl)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public static async Task<Web> StartAsync(Action<WebApplication> map)
    {
        var app = Loopback.Build(port: 0);
        map(app);
        return new Web(app, await Loopback.StartAsync(app));
    }

    /// <summary>Sends a request; with <paramref name="expectContinue"/> the body waits for the server's go-ahead, so a refusal arrives before it.</summary>
    public async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, string? body, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.ExpectContinue = expectContinue;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
