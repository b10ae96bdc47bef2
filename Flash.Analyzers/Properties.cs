using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flash.Tests")]
[assembly: InternalsVisibleTo("Flash.CodeFixes")]
