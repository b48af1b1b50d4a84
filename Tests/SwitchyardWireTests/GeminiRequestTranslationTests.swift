import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

/// Gemini `generateContent` bodies and the chat requests they become (the ingress), and chat requests and the
/// Gemini bodies they become (a `gemini` upstream): golden pairs compared as JSON trees.
@Suite struct GeminiRequestTranslationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var gemini: String
        var chat: String
        var stream = false
        var testDescription: String { name }
    }

    static let toChat: [Case] = [
        Case(name: "one user text",
             gemini: #"{"contents":[{"role":"user","parts":[{"text":"Say hello"}]}]}"#,
             chat: #"{"model":"gemini-sim","messages":[{"role":"user","content":"Say hello"}]}"#),
        Case(name: "a streamed request asks for usage",
             gemini: #"{"contents":[{"parts":[{"text":"Hi"}]}]}"#,
             chat: #"{"model":"gemini-sim","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}"#,
             stream: true),
        Case(name: "system instruction, model turns, thoughts left out, several text parts",
             gemini: #"""
                 {"systemInstruction":{"parts":[{"text":"Be terse."},{"text":"Use metric."}]},
                  "contents":[{"role":"user","parts":[{"text":"Hi"}]},
                   {"role":"model","parts":[{"text":"thinking…","thought":true},{"text":"Hello"},{"text":"!"}]},
                   {"role":"user","parts":[{"text":"Weather?"},{"text":"In Oslo."}]}]}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"system","content":"Be terse.\nUse metric."},
                  {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"},
                  {"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"text","text":"In Oslo."}]}]}
                 """#),
        Case(name: "function calls without ids get ones their responses find by name",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"Weather in Oslo and Rome?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Oslo"}},"thoughtSignature":"c2ln"},
                    {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}},{"functionCall":{"name":"get_time"}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_time","response":{"output":"noon"}}},
                    {"functionResponse":{"name":"get_weather","response":{"output":"4C"}}},
                    {"functionResponse":{"name":"get_weather","response":{"output":"19C"}}},
                    {"text":"Thanks, and tomorrow?"}]}]}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"Weather in Oslo and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_1_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
                    {"id":"call_1_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}},
                    {"id":"call_1_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                  {"role":"tool","content":"{\"output\":\"noon\"}","tool_call_id":"call_1_2"},
                  {"role":"tool","content":"{\"output\":\"4C\"}","tool_call_id":"call_1_0"},
                  {"role":"tool","content":"{\"output\":\"19C\"}","tool_call_id":"call_1_1"},
                  {"role":"user","content":"Thanks, and tomorrow?"}]}
                 """#),
        Case(name: "ids the client sent are kept",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"Time?"}]},
                  {"role":"model","parts":[{"text":"Checking."},{"functionCall":{"id":"fc_9","name":"get_time","args":{}}}]},
                  {"role":"user","parts":[{"functionResponse":{"id":"fc_9","name":"get_time","response":{"result":{"h":12}}}}]}]}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"Time?"},
                  {"role":"assistant","content":"Checking.","tool_calls":[
                    {"id":"fc_9","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                  {"role":"tool","content":"{\"result\":{\"h\":12}}","tool_call_id":"fc_9"}]}
                 """#),
        Case(name: "inline images and images at URLs",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"Compare"},
                   {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                   {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.jpg"}}]}]}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":[{"type":"text","text":"Compare"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}
                 """#),
        Case(name: "function declarations in Google's Schema become JSON Schema; AUTO",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"Weather?"}]}],
                  "tools":[{"functionDeclarations":[
                    {"name":"get_weather","description":"Weather by city","parameters":{"type":"OBJECT",
                     "properties":{"city":{"type":"STRING","description":"City"},"unit":{"type":"STRING","enum":["C","F"],"nullable":true},
                       "days":{"type":"ARRAY","items":{"type":"INTEGER"},"maxItems":"7"}},
                     "required":["city"],"propertyOrdering":["city","unit","days"]}},
                    {"name":"ping"}]},
                   {"functionDeclarations":[{"name":"lookup","parametersJsonSchema":{"type":"object","properties":{"q":{"type":"string"}},"additionalProperties":false}}]}],
                  "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}}}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"Weather?"}],
                  "tools":[
                   {"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object",
                     "properties":{"city":{"type":"string","description":"City"},"unit":{"type":["string","null"],"enum":["C","F"]},
                       "days":{"type":"array","items":{"type":"integer"},"maxItems":7}},"required":["city"]}}},
                   {"type":"function","function":{"name":"ping","parameters":{"type":"object","properties":{}}}},
                   {"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}},"additionalProperties":false}}}],
                  "tool_choice":"auto"}
                 """#),
        Case(name: "ANY with one allowed function names it",
             gemini: #"""
                 {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"a"},{"name":"b"}]}],
                  "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["b"]}}}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"x"}],
                  "tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object","properties":{}}}},
                   {"type":"function","function":{"name":"b","parameters":{"type":"object","properties":{}}}}],
                  "tool_choice":{"type":"function","function":{"name":"b"}}}
                 """#),
        Case(name: "ANY with several allowed functions sends only those, required",
             gemini: #"""
                 {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"a"},{"name":"b"},{"name":"c"}]}],
                  "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["a","c"]}}}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"x"}],
                  "tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object","properties":{}}}},
                   {"type":"function","function":{"name":"c","parameters":{"type":"object","properties":{}}}}],
                  "tool_choice":"required"}
                 """#),
        Case(name: "NONE",
             gemini: #"""
                 {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"a"}]}],
                  "toolConfig":{"functionCallingConfig":{"mode":"NONE"}}}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"x"}],
                  "tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object","properties":{}}}}],
                  "tool_choice":"none"}
                 """#),
        Case(name: "generation config; a response schema becomes json_schema; safety settings stay behind",
             gemini: #"""
                 {"contents":[{"parts":[{"text":"A city"}]}],
                  "generationConfig":{"temperature":0.3,"topP":0.8,"topK":40,"candidateCount":1,"maxOutputTokens":200,
                   "stopSequences":["END"],"seed":7,"presencePenalty":0.5,"frequencyPenalty":0.25,
                   "responseMimeType":"application/json",
                   "responseSchema":{"type":"OBJECT","properties":{"name":{"type":"STRING"},"population":{"type":"INTEGER"}},"required":["name"]},
                   "thinkingConfig":{"thinkingBudget":0}},
                  "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"A city"}],
                  "response_format":{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object",
                    "properties":{"name":{"type":"string"},"population":{"type":"integer"}},"required":["name"]}}},
                  "stop":["END"],"max_completion_tokens":200,"temperature":0.3,"top_p":0.8,"seed":7,
                  "presence_penalty":0.5,"frequency_penalty":0.25}
                 """#),
        Case(name: "a JSON schema is passed as is; JSON without a schema is json_object",
             gemini: #"""
                 {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseMimeType":"application/json",
                  "responseJsonSchema":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}}}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"user","content":"x"}],
                  "response_format":{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object",
                    "properties":{"a":{"type":"string"}},"additionalProperties":false}}}}
                 """#),
        Case(name: "json_object",
             gemini: #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseMimeType":"application/json"}}"#,
             chat: #"{"model":"gemini-sim","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}"#),
        Case(name: "proto field names are read too",
             gemini: #"""
                 {"system_instruction":{"parts":[{"text":"S"}]},
                  "contents":[{"role":"user","parts":[{"text":"x"},{"inline_data":{"mime_type":"image/gif","data":"R0lG"}}]}],
                  "tools":[{"function_declarations":[{"name":"f","parameters_json_schema":{"type":"object"}}]}],
                  "tool_config":{"function_calling_config":{"mode":"ANY","allowed_function_names":["f"]}},
                  "generation_config":{"max_output_tokens":9,"stop_sequences":["."]}}
                 """#,
             chat: #"""
                 {"model":"gemini-sim","messages":[{"role":"system","content":"S"},{"role":"user","content":[{"type":"text","text":"x"},
                   {"type":"image_url","image_url":{"url":"data:image/gif;base64,R0lG"}}]}],
                  "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                  "tool_choice":{"type":"function","function":{"name":"f"}},"stop":["."],"max_completion_tokens":9}
                 """#),
    ]

    @Test(arguments: toChat)
    func geminiRequestsBecomeChatRequests(_ c: Case) throws {
        let request = try WireCoding.decode(GeminiGenerateContentRequest.self, from: c.gemini)
        #expect(request.unsupported == nil)
        let chat = ChatCompletionRequest(translating: request, model: "gemini-sim", stream: c.stream)
        #expect(try encodedTree(chat) == tree(c.chat), "\(String(decoding: chat.wireBytes, as: UTF8.self))")
    }

    @Test(arguments: [
        (#"{"contents":[],"cachedContent":"cachedContents/abc"}"#, "cachedContent"),
        (#"{"contents":[],"generationConfig":{"candidateCount":2}}"#, "generationConfig.candidateCount"),
        (#"{"contents":[],"generationConfig":{"responseMimeType":"text/x.enum"}}"#, "generationConfig.responseMimeType"),
        (#"{"contents":[],"generationConfig":{"responseSchema":{"type":"STRING"}}}"#, "generationConfig.responseSchema"),
        (#"{"contents":[],"generationConfig":{"responseModalities":["TEXT","IMAGE"]}}"#, "generationConfig.responseModalities"),
        (#"{"contents":[],"tools":[{"functionDeclarations":[]},{"googleSearch":{}}]}"#, "tools[1].googleSearch"),
        (#"{"contents":[],"tools":[{"codeExecution":{}}]}"#, "tools[0].codeExecution"),
        (#"{"contents":[],"toolConfig":{"functionCallingConfig":{"mode":"SOMETIMES"}}}"#, "toolConfig.functionCallingConfig.mode"),
        (#"{"contents":[{"role":"system","parts":[{"text":"x"}]}]}"#, "contents[0].role"),
        (#"{"contents":[{"parts":[{"inlineData":{"mimeType":"application/pdf","data":"JVBE"}}]}]}"#, "contents[0].parts[0].inlineData.mimeType"),
        (#"{"contents":[{"parts":[{"text":"x"}]},{"parts":[{"fileData":{"fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc"}}]}]}"#, "contents[1].parts[0].fileData"),
    ])
    func whatOnlyGoogleServesIsRefusedByName(body: String, field: String) throws {
        let request = try WireCoding.decode(GeminiGenerateContentRequest.self, from: body)
        #expect(request.unsupported?.param == field, "\(String(describing: request.unsupported))")
    }

    @Test func candidateCountOneAndTextPlainAreServed() throws {
        let request = try WireCoding.decode(GeminiGenerateContentRequest.self, from: #"""
            {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"candidateCount":1,"responseMimeType":"text/plain","responseModalities":["TEXT"]},
             "safetySettings":[{"category":"HARM_CATEGORY_HATE_SPEECH","threshold":"BLOCK_LOW_AND_ABOVE"}]}
            """#)
        #expect(request.unsupported == nil)
    }

    static let toGemini: [Case] = [
        Case(name: "system and developer messages become the system instruction",
             gemini: #"""
                 {"systemInstruction":{"parts":[{"text":"Be terse.\n\nUse metric."}]},
                  "contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello"}]},
                   {"role":"user","parts":[{"text":"Weather?"}]}]}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"system","content":"Be terse."},{"role":"developer","content":"Use metric."},
                  {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"user","content":"Weather?"}]}
                 """#),
        Case(name: "tool calls and their results; the first call is signed; results in one user turn",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"Weather in Oslo and Rome?"}]},
                  {"role":"model","parts":[{"text":"Checking."},
                    {"functionCall":{"id":"call_1","name":"get_weather","args":{"city":"Oslo"}},"thoughtSignature":"skip_thought_signature_validator"},
                    {"functionCall":{"id":"call_2","name":"get_weather","args":{}}}]},
                  {"role":"user","parts":[{"functionResponse":{"id":"call_1","name":"get_weather","response":{"temp":4}}},
                    {"functionResponse":{"id":"call_2","name":"get_weather","response":{"output":"19C"}}},
                    {"text":"And tomorrow?"}]}]}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":"Weather in Oslo and Rome?"},
                  {"role":"assistant","content":"Checking.","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"not json"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\"temp\":4}"},
                  {"role":"tool","tool_call_id":"call_2","content":"19C"},
                  {"role":"user","content":"And tomorrow?"}]}
                 """#),
        Case(name: "images inline and by URL",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"What?"},{"inlineData":{"mimeType":"image/webp","data":"UklG"}},
                   {"fileData":{"mimeType":"image/png","fileUri":"https://example.com/a.png"}}]}]}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"What?"},
                  {"type":"image_url","image_url":{"url":"data:image/webp;base64,UklG"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"high"}}]}]}
                 """#),
        Case(name: "tools, a named tool choice, options and a JSON schema",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"x"}]}],
                  "tools":[{"functionDeclarations":[{"name":"f","description":"F","parametersJsonSchema":{"type":"object","properties":{"a":{"type":"string"}}}},{"name":"g"}]}],
                  "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}},
                  "generationConfig":{"temperature":0.5,"topP":0.9,"maxOutputTokens":100,"stopSequences":["END"],"seed":3,
                   "responseMimeType":"application/json","responseJsonSchema":{"type":"object"},"presencePenalty":0.1}}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":"x"}],
                  "tools":[{"type":"function","function":{"name":"f","description":"F","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}},
                   {"type":"function","function":{"name":"g"}}],
                  "tool_choice":{"type":"function","function":{"name":"f"}},"temperature":0.5,"top_p":0.9,"max_tokens":100,
                  "stop":"END","seed":3,"presence_penalty":0.1,"n":1,"logprobs":false,
                  "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"},"strict":true}}}
                 """#),
        Case(name: "required, json_object",
             gemini: #"""
                 {"contents":[{"role":"user","parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"f"}]}],
                  "toolConfig":{"functionCallingConfig":{"mode":"ANY"}},"generationConfig":{"responseMimeType":"application/json"}}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],
                  "tool_choice":"required","response_format":{"type":"json_object"}}
                 """#),
    ]

    @Test(arguments: toGemini)
    func chatRequestsBecomeGeminiRequests(_ c: Case) throws {
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: c.chat)
        let gemini = GeminiGenerateContentRequest(translating: chat)
        #expect(try encodedTree(gemini) == tree(c.gemini), "\(String(decoding: gemini.wireBytes, as: UTF8.self))")
    }

    @Test func googleTypesRoundTrip() throws {
        try expectRoundTrip(#"""
            {"contents":[{"role":"user","parts":[{"text":"a"},{"inlineData":{"mimeType":"image/png","data":"AA=="}},
              {"fileData":{"mimeType":"image/png","fileUri":"https://x/y.png"}},{"executableCode":{"code":"1"}}]},
             {"role":"model","parts":[{"functionCall":{"id":"1","name":"f","args":{"a":1}},"thoughtSignature":"c2ln"},{"text":"t","thought":true}]},
             {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"ok":true},"willContinue":false}}]}],
             "systemInstruction":{"parts":[{"text":"s"}]},
             "tools":[{"functionDeclarations":[{"name":"f","description":"d","parameters":{"type":"OBJECT"},"behavior":"BLOCKING"}]},{"googleSearch":{}}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]},"retrievalConfig":{}},
             "generationConfig":{"temperature":1,"topP":0.5,"topK":3,"candidateCount":1,"maxOutputTokens":5,"stopSequences":["x"],
              "responseMimeType":"application/json","responseSchema":{"type":"OBJECT"},"presencePenalty":0,"frequencyPenalty":0,"seed":1,
              "thinkingConfig":{"includeThoughts":true}},
             "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],"labels":{"a":"b"}}
            """#, as: GeminiGenerateContentRequest.self)
        try expectRoundTrip(#"""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"hi"}]},"finishReason":"STOP","index":0,"safetyRatings":[]}],
             "promptFeedback":{"safetyRatings":[]},"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4,
             "promptTokensDetails":[{"modality":"TEXT","tokenCount":3}]},"modelVersion":"gemini-2.0-flash","responseId":"abc","createTime":"2026-01-01T00:00:00Z"}
            """#, as: GeminiGenerateContentResponse.self)
        try expectRoundTrip(#"{"error":{"code":404,"message":"m","status":"NOT_FOUND","details":[{"reason":"X"}]}}"#, as: GeminiErrorBody.self)
        try expectRoundTrip(#"{"models":[{"name":"models/a","version":"1","displayName":"A","description":"d","supportedGenerationMethods":["generateContent"]}]}"#, as: GeminiModelList.self)
    }
}
